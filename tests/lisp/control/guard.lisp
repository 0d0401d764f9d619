; R7RS guard: clauses with tests, =>, else; no match re-raises
(print (guard (e ((symbol? e) (list 'symbol e)) ((string? e) (list 'string e))) (raise 'boom)))
(print (guard (e ((symbol? e) (list 'symbol e)) ((string? e) (list 'string e))) (raise "bang")))
(print (guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'a 42)))))
(print (guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'b 23)))))
(print (guard (e (else (list 'else e))) (raise 1)))
(print (guard (e (#t (error-object-message e))) (car 5)))
(print (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
         (error "Something went wrong:" 1 2)))
; no clause matches: the outer guard gets it
(print (guard (outer (#t (list 'outer outer)))
         (guard (inner ((string? inner) 'inner)) (raise 99))))
; the body's value when nothing is raised, multiple values included
(print (guard (e (#t 'no)) (+ 1 2)))
(print (call-with-values (lambda () (guard (e (#t 'no)) (values 1 2))) list))
; clause tests run where the raise happened; a re-raise with no matching
; clause happens there too, so the after-thunk runs only once the outer guard takes it
(define log '())
(define (note x) (set! log (cons x log)))
(print (guard (e (#t (note 'outer-handler) e))
         (guard (e ((begin (note 'inner-test) #f) 'never))
           (dynamic-wind (lambda () (note 'in))
                         (lambda () (raise 'deep))
                         (lambda () (note 'out))))))
(print (reverse log))
; else and => bound locally are ordinary variables
(print (let ((else #f)) (guard (e (else 'local-else) (#t 'true-clause)) (raise 1))))
