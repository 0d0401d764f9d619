; too few arguments to a builtin
(cons 1)
