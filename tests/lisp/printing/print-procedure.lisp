; print displays each argument with no separator, then a newline
(print "a" 1 'b #\c)
(print)
(print "x" " " "y")
(print (list "s"))
(print 1.0 2)
