; empty strings
(write "") (newline)
(display "") (display "|") (newline)
(write (list "" "")) (newline)
