; the empty string is true
(print (if "" 'yes 'no))
(print (string-length ""))
(write "") (newline)
