; cdr returns the same tail object, not a copy
(define l (list 1 2 3))
(define t (cdr l))
(set-car! t 'two)
(print l)
(print (eq? t (cdr l)))
