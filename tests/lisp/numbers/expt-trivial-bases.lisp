; 1, -1 and 0 to any non-negative integer power stay integers however
; large the exponent
(print (expt 1 4294967296) " " (expt 1 9223372036854775807))
(print (expt -1 9223372036854775807) " " (expt -1 9223372036854775806) " " (expt -1 4294967297))
(print (expt 0 4294967296) " " (expt 0 0) " " (pow 1 4294967296))
(print (expt 2 62) " " (expt -2 63) " " (expt 7 0))
; other bases with a huge exponent still overflow
(define (kind thunk) (try (thunk) (catch e (exception-kind e))))
(print (kind (lambda () (expt 2 4294967296))) " " (kind (lambda () (expt -2 64))) " " (kind (lambda () (expt 2 63))))
