; only #f and nil are false
(print (if #t 1 2))
(print (if #f 1 2))
(print (if nil 'a 'b))
(print (if 0 'a 'b))
(print (if "" 'a 'b))
(print (if '() 'a 'b))
(print (if [] 'a 'b))
