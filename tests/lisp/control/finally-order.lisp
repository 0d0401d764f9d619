; finally runs after the body, after the handler, and on every exit, innermost first
(define log '())
(define (note x) (set! log (cons x log)))
(try (note 'body) (finally (note 'finally)))
(print (reverse log))
(set! log '())
(print (try (begin (note 'body) (car 1) (note 'not-reached))
            (catch e (note 'handler) 'handled)
            (finally (note 'finally))))
(print (reverse log))
(set! log '())
(print (try (try (try (throw 'x) (finally (note 1))) (finally (note 2)))
            (catch e (note 'caught) e)
            (finally (note 3))))
(print (reverse log))
; the value of a try with finally is the body's, not the cleanup's
(print (try 'body-value (finally 'cleanup-value)))
; an error in a finally replaces the one in flight
(print (try (try (throw 'first) (finally (throw 'second))) (catch e e)))
; finally runs when a continuation escapes through it
(set! log '())
(print (call/cc (lambda (k) (try (k 'escaped) (finally (note 'cleanup))))))
(print (reverse log))
; a set! of the result variable inside finally does not change the value
(define x 0)
(set! x (try 1 (finally (set! x 5))))
(print x)
