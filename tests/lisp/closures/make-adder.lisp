; closures capture their arguments
(define (make-adder n) (lambda (x) (+ x n)))
(define add5 (make-adder 5))
(print (add5 10))
(print (map (make-adder 100) '(1 2 3)))
(print ((make-adder -1) 0))
