; float overflow and float division by zero give infinities, not errors
(print (* 1e200 1e200))
(print (- (* 1e200 1e200)))
(print (- (* 1e200 1e200) (* 1e200 1e200)))
(print (/ 1.0 0.0))
(print (/ -1.0 0.0))
(print (< 1e300 (* 1e200 1e200)))
