; 20! is the largest factorial that fits in an i64
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(print (fact 20))
(print (fact 10))
