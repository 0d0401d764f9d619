; set!, display, vector-set!, for-each and newline return nil
(define x 1)
(print (set! x 2))
(print (display "a"))
(print (vector-set! (vector 1) 0 2))
(print (for-each car '()))
(print (newline))
(print (if #f #f))
