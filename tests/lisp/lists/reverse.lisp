; reverse returns a new list
(print (reverse '(1 2 3)))
(print (reverse '()))
(print (reverse '(1 (2 3) 4)))
(define l (list 1 2 3))
(define r (reverse l))
(set-car! l 100)
(print l " " r)
