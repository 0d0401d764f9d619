; multiple values: values, call-with-values, let-values, let*-values, receive, define-values
(print (call-with-values (lambda () (values 1 2)) +))
(print (call-with-values (lambda () (values)) list))
(print (call-with-values (lambda () 5) list))
(print (call-with-values (lambda () (values 1 2 3)) (lambda (a . rest) (list a rest))))
(let-values (((a b) (values 1 2)) ((c) (values 3)) (all (values 4 5)) ((d . e) (values 6 7 8)))
  (print (list a b c all d e)))
; let-values binds in parallel, let*-values in sequence
(define a 'outer)
(let-values (((a) (values 'inner)) ((b) (values a))) (print (list a b)))
(let*-values (((a) (values 'inner)) ((b) (values a))) (print (list a b)))
(receive (q r) (values (quotient 17 5) (remainder 17 5)) (print (list q r)))
(receive all (values 1 2 3) (print all))
(define-values (x y . z) (values 1 2 3 4))
(print (list x y z))
(define (f) (define-values (p q) (values 10 20)) (+ p q))
(print (f))
; a wrong count is an arity error
(print (try (let-values (((a b) (values 1 2 3))) a) (catch e (exception-kind e))))
; tables and structs keep their accessors under new names
(define t @{:a 1 :b 2})
(print (table-keys t) (table-values t) (keys t) (struct-values {:x 9}) (struct-keys {:x 9}))
