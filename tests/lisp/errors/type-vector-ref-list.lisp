; vector-ref on a list
(vector-ref '(1 2) 0)
