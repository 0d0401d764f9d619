; if without else gives nil when the test is false
(print (if #f 1))
(print (if #t 1))
(print (list (if nil 'x)))
