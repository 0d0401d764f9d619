; fold a list of functions over a value
(define pipeline (list (lambda (x) (+ x 1)) (lambda (x) (* x 10)) (lambda (x) (- x 3))))
(print (fold (lambda (acc f) (f acc)) 1 pipeline))
(print (map (lambda (f) (f 0)) pipeline))
