; improper lists print with a dot before the last cdr
(print (cons 1 (cons 2 3)))
(print (list 1 (cons 2 3)))
(print (cons (cons 1 2) 3))
(print (cons (cons 1 2) (cons 3 4)))
(print (list? (cons 1 (cons 2 3))))
