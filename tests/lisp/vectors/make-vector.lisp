; make-vector fills with nil unless given a fill value
(print (make-vector 3))
(print (make-vector 2 0))
(print (make-vector 0))
(print (vector-length (make-vector 5 'a)))
(print (make-vector 2 "s"))
