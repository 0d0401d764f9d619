; map, for-each, filter and fold check that they were given a list.
(print (map (lambda (x) x) '()))
(map (lambda (x) x) 5)
