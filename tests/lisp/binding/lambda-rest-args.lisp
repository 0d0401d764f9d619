; lambda parameter lists: symbol, dotted, fixed
(print ((lambda args args) 1 2 3))
(print ((lambda (a b . c) (list a b c)) 1 2 3 4))
(print ((lambda args (length args))))
(print ((lambda (a b) (- a b)) 10 3))
(print ((lambda () 'thunk)))
