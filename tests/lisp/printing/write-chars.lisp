; named characters
(write (list #\a #\space #\newline #\tab #\Z)) (newline)
(display (list #\a #\space)) (newline)
(display #\space) (display "|") (newline)
