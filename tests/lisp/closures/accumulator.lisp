; Paul Graham's accumulator generator
(define (foo n) (lambda (i) (set! n (+ n i)) n))
(define acc (foo 10))
(acc 5)
(print (acc 10))
(print (acc 2.5))
