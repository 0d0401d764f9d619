; + on a string
(print (+ 1 2))
(+ 1 "a")
