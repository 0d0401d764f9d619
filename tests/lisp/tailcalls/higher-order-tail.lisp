; tail calls to a procedure passed as an argument
(define (run f n) (if (= n 0) 'ok (f f (- n 1))))
(print (run run 1000000))
(define (trampoline k n) (if (= n 0) 'trampolined ((lambda (m) (trampoline k m)) (- n 1))))
(print (trampoline 'x 1000000))
