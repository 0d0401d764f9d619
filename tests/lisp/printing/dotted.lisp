; dotted pairs
(print (cons 1 2))
(print (cons 1 (cons 2 3)))
(print (list (cons 1 2) (cons 3 4)))
(print (cons 'a (vector 1)))
