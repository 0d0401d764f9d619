; exit works from inside nested calls
(define (stop-at n)
  (for-each (lambda (x) (if (= x n) (exit 0) (print x))) '(1 2 3 4)))
(stop-at 3)
(print "unreachable")
