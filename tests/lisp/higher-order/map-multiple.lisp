; map over several lists stops at the shortest
(print (map + '(1 2 3) '(10 20 30)))
(print (map list '(1 2 3) '(a b)))
(print (map + '(1 2) '(10 20) '(100 200)))
(print (map cons '(1 2 3) '()))
