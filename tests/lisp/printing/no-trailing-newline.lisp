; output need not end with a newline
(display "first line")
(newline)
(display "no newline at end")
