; Regression: an assignment inside a call argument (to a global, a boxed
; captured variable or via define) must not shift the other arguments.
(define x 0)
(print (list (begin (set! x 5) 1) 2))
(print (list (set! x 6) 7 8) " " x)
(define c 0)
(print (list (begin (set! c (+ c 1)) c) (begin (set! c (+ c 1)) c)))
(print (let ((n 0)) (define (g) n) (list (set! n 1) 7 (g))))
(print (vector (set! x 9) x (+ x 1)))
