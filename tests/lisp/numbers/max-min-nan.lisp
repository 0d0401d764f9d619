; max/min with a NaN argument give NaN wherever it is; the result is a
; float when any argument is a float
(print (max 0 +nan.0) " " (max +nan.0 0) " " (min 0 +nan.0) " " (min +nan.0 0))
(print (max 1 +nan.0 2) " " (min 1.5 2 +nan.0) " " (max +nan.0) " " (min +nan.0 +nan.0))
(print (max 1 2 +inf.0) " " (min 1 -inf.0 2) " " (max 3 1 2.0) " " (min 1 2 -0.5))
(print (max 1 1.0) " " (max 5) " " (min 5.0))
(print (float? (max +nan.0 1)) " " (float? (min 1 2 3.0)) " " (integer? (min 1 2 3)))
