; a tail-recursive loop that conses a long list
(define (range-down n acc) (if (= n 0) acc (range-down (- n 1) (cons n acc))))
(define l (range-down 500000 nil))
(print (length l))
(print (fold + 0 l))
