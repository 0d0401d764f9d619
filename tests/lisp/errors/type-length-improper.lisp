; length of an improper list
(print (length '(1 2)))
(length '(1 . 2))
