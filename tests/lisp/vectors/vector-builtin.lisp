; the vector procedure
(print (vector))
(print (vector 'a))
(print (vector 1 "two" #\3))
(print (vector? (vector)) " " (vector? "abc"))
