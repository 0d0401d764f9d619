; eqv? on floats compares exactly: 0.0 and -0.0 differ, though they are =.
(print (eqv? 0.0 -0.0) " " (= 0.0 -0.0) " " (eqv? 1.5 1.5) " " (eqv? 2 2.0))
(define nan (/ 0.0 0.0))
(print (eqv? nan nan) " " (= nan nan))
