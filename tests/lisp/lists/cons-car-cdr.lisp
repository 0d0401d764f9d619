; pairs and their accessors
(define p (cons 1 2))
(print (car p) " " (cdr p))
(print (cons 1 '(2 3)))
(print (cons '(1) '(2)))
(print (car '(a b c)) " " (cdr '(a b c)))
(print (cons 1 nil))
(print (cdr '(only)))
