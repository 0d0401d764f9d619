; ' ` , ,@ expand to the four quoting forms
(print (car ''x))
(print (cadr ''x))
(print (car '`x))
(print (car ',x))
(print (car ',@x))
(print (length ''(a b)))
(print '(1 (2 3) 4))
