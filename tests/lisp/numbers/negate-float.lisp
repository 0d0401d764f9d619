; unary minus negates: the negation of 0.0 is -0.0
(print (- 0.0) " " (- -0.0) " " (- 1.5) " " (- +inf.0) " " (- 7) " " (- 0))
(print (eqv? (- 0.0) -0.0) " " (= (- 0.0) 0.0) " " (/ 1.0 (- 0.0)))
(print (- -9223372036854775807))
(define (kind thunk) (try (thunk) (catch e (exception-kind e))))
(print (kind (lambda () (- -9223372036854775808))) " " (kind (lambda () (- "x"))))
