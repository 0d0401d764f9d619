; apply with map transposes a matrix
(print (apply map list '((1 2 3) (4 5 6))))
(print (apply map + '((1 2) (10 20) (100 200))))
