; modulo by zero
(print (modulo 5 3))
(modulo 5 0)
