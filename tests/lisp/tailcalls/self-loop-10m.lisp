; ten million self tail calls run in constant stack
(define (loop n acc) (if (= n 0) acc (loop (- n 1) (+ acc 1))))
(print (loop 10000000 0))
