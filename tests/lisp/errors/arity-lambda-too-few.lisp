; too few arguments to a lambda
((lambda (x y) x) 1)
