; variadic + and -, unary minus
(print (+ 1 2))
(print (+))
(print (+ 7))
(print (+ 1 2 3 4 5))
(print (- 10 3))
(print (- 5))
(print (- 10 1 2 3))
(print (+ -3 3))
