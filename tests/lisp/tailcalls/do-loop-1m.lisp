; a do loop of a million steps
(print (do ((i 0 (+ i 1)) (s 0 (+ s i))) ((= i 1000000) s)))
