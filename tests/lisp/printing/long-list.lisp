; a longer list prints on one line
(define (range a b) (if (>= a b) nil (cons a (range (+ a 1) b))))
(print (range 0 20))
