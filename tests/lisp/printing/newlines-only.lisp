; blank lines are printed exactly
(newline)
(display "x")
(newline)
(newline)
