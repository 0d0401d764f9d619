; character literals, named and hex
(write #\a) (newline)
(write #\space) (newline)
(write #\newline) (newline)
(write #\x41) (newline)
(write #\tab) (newline)
(display #\a) (display #\space) (display #\b) (newline)
(print (char? #\tab) " " (char? "a"))
