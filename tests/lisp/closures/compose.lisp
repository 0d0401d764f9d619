; higher-order function composition
(define (compose f g) (lambda (x) (f (g x))))
(define (twice f) (compose f f))
(define inc (lambda (x) (+ x 1)))
(print ((twice (lambda (x) (* x 3))) 2))
(print ((compose inc inc) 0))
(print ((twice (twice inc)) 0))
(print ((compose car cdr) '(a b c)))
