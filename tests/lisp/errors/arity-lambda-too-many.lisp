; too many arguments to a define'd function
(define (f x) x)
(print (f 1))
(f 1 2)
