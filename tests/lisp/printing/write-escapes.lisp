; write escapes quote, backslash, newline and tab
(write "tab\there") (newline)
(write "q\"q") (newline)
(write "\\") (newline)
(write "a\nb") (newline)
(write "plain") (newline)
