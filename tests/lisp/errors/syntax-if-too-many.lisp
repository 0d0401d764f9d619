; if takes at most three operands
(if 1 2 3 4)
