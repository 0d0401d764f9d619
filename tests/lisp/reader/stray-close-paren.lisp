; a ) that closes nothing
(define x (+ 1 2)))
