; strings inside a displayed collection are written with quotes
(display (list "a" "b c")) (newline)
(display ["x" 1]) (newline)
(print (list "q\"x"))
(display (list 'sym "str" #\c)) (newline)
(print "top" (list "in"))
