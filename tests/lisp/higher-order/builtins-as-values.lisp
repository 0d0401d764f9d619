; builtins are first-class values
(define f car)
(print (f '(1 2)))
(print (map cadr '((a 1) (b 2))))
(print ((if #t + -) 5 3))
(print ((if #f + -) 5 3))
(print (procedure? car) " " (procedure? 'car))
