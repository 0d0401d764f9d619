; let inits see the outer scope, not each other
(define x 'outer)
(print (let ((x 1)) (let ((x 2) (y x)) (list x y))))
(print (let ((x 'inner) (y x)) (list x y)))
(print x)
