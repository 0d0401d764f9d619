; begin sequences and gives the last value
(print (begin 1 2 3))
(print (begin (display "a") (display "b") 'c))
(begin (define a 1) (define b 2))
(print (+ a b))
