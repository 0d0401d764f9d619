; vector-set! past the end
(vector-set! (make-vector 2 0) 2 'x)
