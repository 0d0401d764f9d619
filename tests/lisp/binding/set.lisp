; set! on globals and locals
(define counter 0)
(define (bump!) (set! counter (+ counter 1)))
(bump!) (bump!) (bump!)
(print counter)
(define (f x) (set! x (* x 2)) x)
(print (f 21))
(print (let ((a 1)) (set! a (+ a 1)) (set! a (* a 10)) a))
