; number->string and string-append to format a list
(define (join l sep)
  (if (null? l)
      ""
      (fold (lambda (acc x) (string-append acc sep (number->string x)))
            (number->string (car l))
            (cdr l))))
(print (join '(1 2 3) ", "))
(print (join '(42) "-"))
(write (join '() ",")) (newline)
