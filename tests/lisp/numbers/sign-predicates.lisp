; zero? positive? negative? even? odd?
(print (list (zero? 0) (zero? 1) (zero? 0.0)))
(print (list (positive? 5) (positive? -5) (positive? 0)))
(print (list (negative? -1) (negative? 1) (negative? -0.5)))
(print (list (even? 4) (even? 3) (even? 0) (even? -2)))
(print (list (odd? 3) (odd? 4) (odd? -3)))
