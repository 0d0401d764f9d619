; substring end past the string
(print (substring "hello" 1 5))
(substring "hello" 1 6)
