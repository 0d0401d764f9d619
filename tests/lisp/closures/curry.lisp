; curried functions
(define (curry f) (lambda (a) (lambda (b) (f a b))))
(define add (curry +))
(print ((add 3) 4))
(define cons-to-nil ((curry cons) 'x))
(print (cons-to-nil nil))
(print (map ((curry *) 2) '(1 2 3)))
