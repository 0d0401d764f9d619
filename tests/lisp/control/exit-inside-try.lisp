; exit is not an error: no catch, finally or after-thunk sees it
(print "before")
(dynamic-wind (lambda () #f)
  (lambda () (try (exit 0) (catch e (print "caught")) (finally (print "finally"))))
  (lambda () (print "after")))
(print "not reached")
