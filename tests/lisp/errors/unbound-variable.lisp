; reading an undefined variable
(print "start")
(print undefined-thing)
(print "not reached")
