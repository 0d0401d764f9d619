; input ends inside a string
(display "abc)
