; an expansion that contains another macro call
(define-macro (my-if c a b) `(cond (,c ,a) (else ,b)))
(define-macro (my-not x) `(my-if ,x #f #t))
(print (my-not #f))
(print (my-not 0))
