; do loops with several variables, a body, and result expressions; while.
(define v (make-vector 5 0))
(print (do ((i 0 (+ i 1)) (sq 0 (* (+ i 1) (+ i 1))))
           ((= i 5) (vector->list v))
         (vector-set! v i sq)))
(define n 0)
(print (while (< n 4) (set! n (+ n 1))))
(print n)
(print (do ((i 0 (+ i 1))) ((= i 3))))
