; input ends inside a block comment
#| never closed
(display 1)
