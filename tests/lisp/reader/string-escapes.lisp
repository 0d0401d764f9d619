; \t \n \" \\ and \xHH; escapes inside string literals
(display "a\tb") (newline)
(display "line1\nline2") (newline)
(display "quote: \" backslash: \\") (newline)
(display "\x41;\x42;C") (newline)
(print (string-length "a\nb"))
(print (string-length "\x41;"))
