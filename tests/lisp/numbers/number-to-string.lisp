; number->string uses the printer's format
(write (number->string 42)) (newline)
(write (number->string -7)) (newline)
(write (number->string 1.5)) (newline)
(write (number->string 2.0)) (newline)
(print (string-length (number->string 12345)))
(print (string-append "n=" (number->string (* 6 7))))
