; quasiquote builds data outside macros too
(define (make-expr op a b) `(,op ,a ,b))
(print (make-expr '+ 1 2))
(define (wrap l) `(begin ,@l (done)))
(print (wrap '((f) (g))))
(print `(list ,(list 1 2) ,@(list (list 3))))
