; a macro whose expansion uses itself
(define-macro (my-and . args)
  (cond ((null? args) #t)
        ((null? (cdr args)) (car args))
        (else `(if ,(car args) (my-and ,@(cdr args)) #f))))
(print (my-and))
(print (my-and 1 2 3))
(print (my-and 1 #f 3))
(print (my-and 'only))
