; / with any float operand gives a float
(print (/ 7 2.0))
(print (/ 7.0 2))
(print (/ 1.0 3))
(print (/ 2.0))
(print (/ 1 4.0))
(print (/ 9.0 3))
(print (/ 1 3 2.0))
