; a limit error is not catchable: no catch, finally or after-thunk runs
(print "start")
(try (make-vector 1000000000 0)
     (catch e (print "caught: must not happen"))
     (finally (print "finally: must not happen")))
