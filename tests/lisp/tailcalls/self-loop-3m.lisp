; three million self tail calls (more than the call-depth limit) run in constant stack
(define (loop n acc) (if (= n 0) acc (loop (- n 1) (+ acc 1))))
(print (loop 3000000 0))
