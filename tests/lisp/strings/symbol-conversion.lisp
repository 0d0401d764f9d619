; symbol->string and string->symbol
(write (symbol->string 'abc)) (newline)
(write (string->symbol "xyz")) (newline)
(print (eq? (string->symbol "foo") 'foo))
(print (string? (symbol->string 'a)) " " (symbol? (string->symbol "a")))
(print (string->symbol (string-append "make-" "thing")))
