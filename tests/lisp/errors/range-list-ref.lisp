; list-ref past the end
(print (list-ref '(a b c) 2))
(list-ref '(a b c) 3)
