; let binds in parallel and gives the last body value
(print (let ((x 1) (y 2)) (+ x y)))
(print (let () 5))
(print (let ((x 1)) (display "body ") (* x 10)))
