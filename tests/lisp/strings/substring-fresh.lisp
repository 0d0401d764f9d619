; substring of a whole string gives an equal string
(define s "hello")
(print (string=? (substring s 0 5) s))
(print (string=? (substring s 1 4) "ell"))
(print (string-length (substring s 1)))
