; a global function may call one defined after it
(define (a) (b))
(define (b) 'b-called)
(print (a))
(define (uses-later) later-var)
(define later-var 'ready)
(print (uses-later))
