; first/rest are car/cdr that accept nil
(print (first '(1 2 3)))
(print (rest '(1 2 3)))
(print (first nil))
(print (rest nil))
(print (rest '(1)))
(print (first (rest '(a b c))))
