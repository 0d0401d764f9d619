; set! of a variable that was never defined
(print "before")
(set! never-defined 5)
