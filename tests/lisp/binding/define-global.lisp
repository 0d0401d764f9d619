; top-level define and redefinition
(define x 10)
(define (double n) (* n 2))
(print (double x))
(define x 21)
(print (double x))
