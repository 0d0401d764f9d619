; letrec* inits see the earlier bindings
(print (letrec* ((a 1) (b (+ a 1)) (f (lambda () (* a b)))) (list a b (f))))
