; for-each runs for effect, in order, and returns nil
(for-each (lambda (x) (display x) (display ",")) '(1 2 3))
(newline)
(print (for-each display '()))
(for-each (lambda (a b) (display (+ a b)) (display " ")) '(1 2 3) '(10 20))
(newline)
