; the last expression of and/or is a tail position
(define (all-down n) (or (= n 0) (and (> n 0) (all-down (- n 1)))))
(print (all-down 1000000))
(define (find-zero n) (and (>= n 0) (or (= n 0) (find-zero (- n 1)))))
(print (find-zero 1000000))
