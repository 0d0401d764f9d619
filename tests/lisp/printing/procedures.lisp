; procedures print with their name when they have one
(display car) (newline)
(define (square x) (* x x))
(display square) (newline)
(display (lambda (x) x)) (newline)
(write (list car cdr)) (newline)
(print "fn: " +)
