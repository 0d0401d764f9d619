; bracket literals evaluate their elements; quoted ones do not
(print [1 (+ 1 1)])
(print (let ((x 5)) [x (* x x)]))
(print '[x (+ 1 1)])
(print (vector-ref [(* 6 7)] 0))
(print (vector-ref '[a b] 1))
