; an int mixed with a float gives a float
(print (+ 1 2.5))
(print (* 2 1.5))
(print (- 5 0.5))
(print (+ 1.0 2))
(print (* 1.0 0))
(print (+ 0.1 0.2))
(print (- 0.5 0.5))
