; case compares with eqv?
(define (size x) (case x ((1 2 3) 'small) ((4 5 6) 'medium) (else 'big)))
(print (size 2) " " (size 5) " " (size 10))
(define (letter s) (case s ((a) "A") ((b c) "BC") (else "other")))
(print (letter 'a) " " (letter 'c) " " (letter 'z))
(print (case (* 2 3) ((2 3 5 7) 'prime) ((1 4 6 8 9) 'composite)))
