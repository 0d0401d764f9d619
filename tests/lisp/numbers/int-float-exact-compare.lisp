; integer/float comparisons are exact, even where the integer has no exact
; float: 9.223372036854776e18 is 2^63, larger than every i64
(define big 9223372036854775807)
(define two63 9.223372036854776e18)
(print (= 9223372036854775806 two63) " " (= big two63) " " (= two63 big))
(print (< big two63) " " (> two63 big) " " (<= big two63) " " (>= big two63))
(print (> big two63) " " (< two63 big))
(print (= -9223372036854775808 (- two63)) " " (<= -9223372036854775808 (- two63)))
(print (< -9223372036854775807 (- two63)) " " (> -9223372036854775807 (- two63)))
; 2^53 + 1 is not a float: it lies between 2^53 and 2^53 + 2
(define p53 9007199254740992.0)
(print (= 9007199254740993 p53) " " (> 9007199254740993 p53) " " (< 9007199254740993 (+ p53 2.0)))
(print (< 9007199254740993 p53) " " (= 9007199254740992 p53))
; fractions, infinities and NaN
(print (< 1 1.5) " " (> 2 1.5) " " (= 1 1.0) " " (< -2 -1.5) " " (> -1 -1.5))
(print (< big +inf.0) " " (> -9223372036854775808 -inf.0))
(print (= 0 +nan.0) " " (< 0 +nan.0) " " (> 0 +nan.0) " " (<= +nan.0 0) " " (>= +nan.0 0))
(print (= 0 -0.0) " " (< 1 2 2.5 3) " " (< 1 2.5 2))
; max/min decide by exact comparison, then give a float
(print (max big two63) " " (min big two63))
(print (max 9007199254740993 p53) " " (min 9007199254740993 p53))
(print (max 1 2 3.5) " " (min 1 2 3.5))
