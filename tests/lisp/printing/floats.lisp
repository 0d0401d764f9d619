; float formats inside collections
(print (list 1.0 -0.5 1e21 1e-7 100.0 2.5))
(print (vector 0.1 (+ 0.1 0.2)))
(print (/ 1.0 3))
