; a string literal may span lines; the newline is part of it
(define s "one
two")
(print (string-length s))
(write s) (newline)
