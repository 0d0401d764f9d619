; adding 0.1 ten times is not exactly 1.0
(define (sum-tenths n acc) (if (= n 0) acc (sum-tenths (- n 1) (+ acc 0.1))))
(define s (sum-tenths 10 0.0))
(print s)
(print (= s 1.0))
(print (< (abs (- s 1.0)) 1e-9))
