; overflow detected inside a tail-recursive loop
(define (double-until n x) (if (= n 0) x (double-until (- n 1) (* x 2))))
(print (double-until 62 1))
(double-until 63 1)
