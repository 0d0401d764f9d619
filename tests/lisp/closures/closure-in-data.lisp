; closures stored in lists and vectors
(define ops (list (cons 'add +) (cons 'mul *) (cons 'sq (lambda (x) (* x x)))))
(print ((cdr (assq 'add ops)) 2 3))
(print ((cdr (assq 'mul ops)) 2 3))
(print ((cdr (assq 'sq ops)) 9))
(define table (vector (lambda () 'zero) (lambda () 'one)))
(print ((vector-ref table 1)))
