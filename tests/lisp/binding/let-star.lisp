; let* binds sequentially
(print (let* ((x 1) (y (+ x 1)) (z (* y 10))) (list x y z)))
(print (let* () 'empty))
(print (let* ((x 1) (x (+ x 1))) x))
