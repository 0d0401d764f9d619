; set! needs a variable name
(set! 5 1)
