; abs; min/max return a float if any argument is a float
(print (abs -5) " " (abs 5) " " (abs -2.5) " " (abs 0))
(print (min 3 1 2) " " (max 3 1 2))
(print (min 1 2.0) " " (max 1 2.0))
(print (max 3 2.0) " " (min -1 0.5))
(print (min 7) " " (max -7))
