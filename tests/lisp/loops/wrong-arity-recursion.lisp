; Calling a named let with the wrong number of arguments is an arity error.
(print "start")
(let loop ((i 0) (j 0))
  (if (< i 3) (loop (+ i 1)) j))
