; gcd and lcm of any number of integers; always non-negative
(print (gcd) " " (lcm) " " (gcd 12 18) " " (gcd -12 18) " " (lcm 4 6) " " (lcm -4 6))
(print (gcd 0 0) " " (gcd 7 0) " " (lcm 5 0) " " (gcd 12 18 8) " " (lcm 2 3 4))
(print (gcd -9223372036854775807 0) " " (gcd -9223372036854775808 6) " " (gcd -9223372036854775808 9223372036854775807))
(print (lcm -9223372036854775807 1) " " (lcm 4611686018427387904 2))
; a result whose absolute value does not fit in an i64 overflows
(define (kind thunk) (try (thunk) (catch e (exception-kind e))))
(print (kind (lambda () (gcd -9223372036854775808 0))) " "
       (kind (lambda () (gcd -9223372036854775808))) " "
       (kind (lambda () (gcd -9223372036854775808 -9223372036854775808))))
(print (kind (lambda () (lcm -9223372036854775808 1))) " "
       (kind (lambda () (lcm -9223372036854775808))) " "
       (kind (lambda () (lcm 4611686018427387904 3))))
