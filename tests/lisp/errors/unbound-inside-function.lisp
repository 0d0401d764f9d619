; the unbound variable is only looked up when the function runs
(define (f) (+ 1 missing-var))
(print "defined")
(f)
