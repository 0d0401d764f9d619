; case clause bodies run in order
(define (f x)
  (case x
    ((1) (display "one") (newline) 1)
    (else (display "many") (newline) 'n)))
(print (f 1))
(print (f 9))
