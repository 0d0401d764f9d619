; a clause body runs in order and gives its last value
(define (f x)
  (cond ((> x 0) (display "pos ") (display x) (newline) 'done)
        (else (display "non-pos") (newline) 'other)))
(print (f 3))
(print (f -1))
