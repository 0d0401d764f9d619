; list builds a proper list; length counts it
(print (list 1 2 3))
(print (list))
(print (list (list 1 2) 3))
(print (length '(a b c)))
(print (length nil))
(print (length (list (list 1 2) 3)))
