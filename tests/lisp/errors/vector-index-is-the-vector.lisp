; Regression: an error message that prints the vector being indexed
; (found by the robustness test) is a type error, not a crash.
(define v (vector 1 2 3))
(vector-set! v v 0)
