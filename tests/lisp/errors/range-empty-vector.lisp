; any index into an empty vector
(vector-ref (vector) 0)
