; = vs eqv? vs equal? on an int and a float
(print (list (= 1 1.0) (eqv? 1 1.0) (equal? 1 1.0)))
(print (list (= 2 2) (eqv? 2 2) (equal? 2 2)))
