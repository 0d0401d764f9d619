; display is raw, write quotes and escapes
(display "hi \"there\"") (newline)
(write "hi \"there\"") (newline)
(display "back\\slash") (newline)
(write "back\\slash") (newline)
(write "new\nline") (newline)
(write "tab\there") (newline)
