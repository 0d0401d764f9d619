; a type error raised inside map's callback
(print (map car '((1) (2))))
(map car '((1) 2))
