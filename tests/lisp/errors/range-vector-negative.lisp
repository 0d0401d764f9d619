; a negative vector index
(vector-ref (vector 1 2 3) -1)
