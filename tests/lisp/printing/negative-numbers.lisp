; negative integers and floats
(print (list -1 -2.5 (- 0 7) (- 0.0 1)))
