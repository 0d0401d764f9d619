; eqv? compares numbers and chars by value and type
(print (eqv? 2 2))
(print (eqv? 1.5 1.5))
(print (eqv? 1 1.0))
(print (eqv? 'a 'a))
(print (eqv? (list 1) (list 1)))
(print (eqv? #\a #\a))
(print (eqv? #\a #\b))
(print (eqv? 100000000000 100000000000))
