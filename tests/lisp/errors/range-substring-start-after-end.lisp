; substring start greater than end
(substring "hello" 3 2)
