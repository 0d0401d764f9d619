; unquote and unquote-splicing
(print `(1 ,(+ 1 1) ,@(list 3 4)))
(print `(a b))
(print `x)
(print `(,@'() 1))
(print `(1 ,@(list 2 3) 4 ,@(list) 5))
(define x 'sym)
(print `(x ,x (,x) ,@(list x x)))
(print `5)
