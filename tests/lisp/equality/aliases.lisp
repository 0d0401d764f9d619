; a mutation through one alias is seen through the other
(define a (list 1 2))
(define b a)
(set-car! b 5)
(print a " " (eq? a b))
(define c (list 5 2))
(print (equal? a c) " " (eq? a c))
