; string-fill! changes every char of a string in place; aliases see it.
(define s (make-string 3 #\a))
(define alias s)
(string-fill! s #\z)
(print alias " " (string-length s))
(string-fill! "literal" #\x)
