; input ends inside a list
(display (+ 1 2)
