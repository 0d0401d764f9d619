; a macro argument is evaluated as many times as the expansion uses it
(define-macro (twice e) `(begin ,e ,e))
(twice (display "hi "))
(newline)
(define-macro (ignore e) ''ignored)
(print (ignore (display "never")))
