; variadic *
(print (*))
(print (* 6 7))
(print (* 2 3 4))
(print (* -2 3))
(print (* -2 -3))
(print (* 0 99))
