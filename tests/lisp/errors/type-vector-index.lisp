; a vector index must be an integer
(vector-ref (vector 1 2) 'a)
