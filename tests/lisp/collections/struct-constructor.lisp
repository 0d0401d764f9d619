; a function returning a struct literal built from its arguments
(define (point x y) {:x x :y y})
(print (point 1 2))
(print (map (lambda (n) {:n n}) '(1 2)))
