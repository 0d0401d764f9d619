; vectors are mutable objects shared by reference
(define a (vector 1 2))
(define b a)
(vector-set! b 0 9)
(print a)
(define (zero-first! v) (vector-set! v 0 0))
(zero-first! a)
(print b)
