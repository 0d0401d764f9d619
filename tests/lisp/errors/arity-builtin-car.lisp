; too many arguments to a builtin
(car '(1) '(2))
