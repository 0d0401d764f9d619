; and/or return the deciding value and short-circuit
(print (list (and) (or)))
(print (list (and 1 2 3) (and 1 #f 3) (and #f (car 5))))
(print (list (or #f 2) (or #f #f) (or nil 3) (or 1 (car 5))))
(print (list (and 1 nil) (or #f nil)))
(print (and 1 "last"))
