; list-ref takes the list first, nth takes the index first
(print (list-ref '(a b c) 0))
(print (list-ref '(a b c) 2))
(print (nth 1 '(a b c)))
(print (nth 0 '(x)))
(print (nth 2 (list 10 20 30 40)))
