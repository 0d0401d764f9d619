; even?/odd? accept integers and integral floats; any other float is a
; type error
(print (even? 4.0) " " (odd? 4.0) " " (even? -3.0) " " (odd? -3.0) " " (even? 0.0) " " (odd? 1e300))
(print (even? -9223372036854775808) " " (odd? 9223372036854775807) " " (odd? -7))
(define (kind thunk) (try (thunk) (catch e (exception-kind e))))
(print (kind (lambda () (even? +inf.0))) " " (kind (lambda () (odd? -inf.0))) " "
       (kind (lambda () (even? +nan.0))) " " (kind (lambda () (odd? 1.5))) " "
       (kind (lambda () (even? "2"))))
(print (try (even? +inf.0) (catch e (exception-message e))))
