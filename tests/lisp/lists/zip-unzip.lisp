; pairs up two lists, then splits them again
(define (zip a b) (map cons a b))
(define z (zip '(1 2 3) '(a b c)))
(print z)
(print (map car z))
(print (map cdr z))
