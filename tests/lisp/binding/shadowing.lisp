; local bindings shadow globals and builtins
(print (let ((car cdr)) (car '(1 2))))
(define (count-items list) (length list))
(print (count-items '(a b c)))
(define x 1)
(define (f x) (let ((x (+ x 100))) x))
(print (f 5) " " x)
(print (car '(1 2)))
