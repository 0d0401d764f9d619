; calling a number
(define x 5)
(print "calling")
(x 1)
