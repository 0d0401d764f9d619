; vectors print their elements as write does
(display (vector (list 1 2) "s" #\c [3] :k 1.5)) (newline)
(write (vector)) (newline)
(print (list [1] [2 [3]]))
