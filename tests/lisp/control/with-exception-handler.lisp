; R7RS with-exception-handler, raise and raise-continuable
(print (with-exception-handler
         (lambda (c) 42)
         (lambda () (+ (raise-continuable 'oops) 1))))
; the handler runs where the raise happened, before any unwinding
(define log '())
(define (note x) (set! log (cons x log)))
(print (call/cc (lambda (k)
  (with-exception-handler
    (lambda (c) (note (list 'handler c)) (k 'escaped))
    (lambda ()
      (dynamic-wind (lambda () (note 'in))
                    (lambda () (raise 'boom))
                    (lambda () (note 'out))))))))
(print (reverse log))
; runtime errors reach the handler as exception objects
(print (call/cc (lambda (k)
  (with-exception-handler (lambda (c) (k (error-object-message c))) (lambda () (car 5))))))
; a handler that returns from a non-continuable raise: a secondary error,
; raised to the outer handler
(print (try (with-exception-handler (lambda (c) 'ignored) (lambda () (raise 'non-continuable)))
            (catch e (exception-message e))))
; inside the handler, the outer handler is current
(print (with-exception-handler
         (lambda (c) (list 'outer c))
         (lambda ()
           (with-exception-handler
             (lambda (c) (raise-continuable (list 'inner c)))
             (lambda () (raise-continuable 'x))))))
; raise-continuable with no handler is an uncaught raise; try catches it
(print (try (raise-continuable 5) (catch e (list 'caught e))))
; a guard inside the thunk takes precedence
(print (with-exception-handler (lambda (c) 'handler)
  (lambda () (guard (e (#t (list 'guard e))) (raise-continuable 1)))))
; the handler must be a procedure
(print (try (with-exception-handler 5 (lambda () 1)) (catch e (exception-kind e))))
