; apply a variadic user function
(define (avg . xs) (/ (apply + xs) (length xs)))
(print (apply avg '(2 4 6)))
(print (avg 1 2))
(print (avg 1.0 2))
