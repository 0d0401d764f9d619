; unbounded non-tail recursion hits the call-depth or memory limit
(define (f n) (+ 1 (f n)))
(print "go")
(f 0)
