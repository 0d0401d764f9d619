; #\( and #\) are characters, not list delimiters
(write (list #\( #\) #\;))
(newline)
