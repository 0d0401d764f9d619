; an error raised by less? reaches the caller of sort
(define (kind thunk) (try (thunk) (catch e (exception-kind e))))
(print (try (sort '(3 1 2) (lambda (a b) (error "no order" a b))) (catch e (exception-message e))))
(print (kind (lambda () (sort '(1 "a" 2) <))) " " (kind (lambda () (sort [1 2 'x] <))))
(define calls 0)
(print (try (sort (iota 1000) (lambda (a b) (set! calls (+ calls 1)) (if (= calls 500) (throw 'stop) (< a b)))) (catch e e)))
(print calls)
(print (sort '(1) (lambda (a b) (error "never called"))))
