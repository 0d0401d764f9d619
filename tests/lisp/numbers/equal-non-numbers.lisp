; = on non-numbers behaves as equal?
(print (= "a" "a"))
(print (= "a" "b"))
(print (= 'x 'x))
(print (= '(1 2) (list 1 2)))
(print (= [1 2] [1 2]))
