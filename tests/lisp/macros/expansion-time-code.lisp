; macro bodies can run arbitrary code to compute the expansion
(define-macro (my-let bindings . body)
  `((lambda ,(map car bindings) ,@body) ,@(map cadr bindings)))
(print (my-let ((a 1) (b 2)) (+ a b)))
(define-macro (sum-of-constants . xs) (apply + xs))
(print (sum-of-constants 1 2 3 4))
(define-macro (five) 5)
(print (five))
