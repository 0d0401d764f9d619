; string-append is variadic
(display (string-append "foo" "bar")) (newline)
(write (string-append)) (newline)
(display (string-append "a" "b" "c")) (newline)
(print (string-length (string-append "ab" "cd")))
(write (string-append "" "x" "")) (newline)
