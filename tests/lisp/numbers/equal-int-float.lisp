; = compares numbers by value across int and float
(print (= 1 1.0))
(print (= 0 0.0))
(print (= 2 2.5))
(print (= 3 3.0 3))
