; like the reader, which rejects an integer literal outside i64,
; string->number gives #f for an integer it cannot represent
(print (string->number "9223372036854775807") " " (string->number "-9223372036854775808"))
(print (string->number "9223372036854775808") " " (string->number "-9223372036854775809"))
(print (string->number "+99999999999999999999") " " (string->number "ffffffffffffffffff" 16))
; a float of any size is fine
(print (string->number "9223372036854775808.0") " " (string->number "1e400") " " (string->number "9.2e18"))
(print (string->number "+12") " " (string->number "-0.0") " " (string->number "-nan.0"))
; `int` of such a string is an overflow, as in arithmetic
(define (kind thunk) (try (thunk) (catch e (exception-kind e))))
(print (int "-9223372036854775808") " " (int " 42 ") " " (kind (lambda () (int "9223372036854775808"))) " " (kind (lambda () (int "x1"))))
