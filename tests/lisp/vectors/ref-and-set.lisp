; vector-ref and vector-set!
(define v (vector 1 2 3))
(print (vector-ref v 0) " " (vector-ref v 2))
(vector-set! v 1 'two)
(print v)
(print (vector-length v))
(vector-set! v 0 (list 1 2))
(print v)
