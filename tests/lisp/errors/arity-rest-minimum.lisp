; a rest-argument function still needs its fixed arguments
(define (f a b . r) r)
(print (f 1 2 3))
(f 1)
