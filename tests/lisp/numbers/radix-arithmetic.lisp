; hex and binary literals are ordinary integers
(print (+ #x10 #b11))
(print (* #xA #b10))
(print (= #xff 255))
