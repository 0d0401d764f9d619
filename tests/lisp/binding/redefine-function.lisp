; callers see a redefined global function
(define (f) 'old)
(define (g) (f))
(print (g))
(define (f) 'new)
(print (g))
(set! f (lambda () 'set))
(print (g))
