; car of a non-pair
(print "a")
(car 5)
