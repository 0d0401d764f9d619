; integer / by zero
(print (/ 10 2))
(/ 10 0)
