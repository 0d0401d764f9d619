; tail calls cycling through three functions
(define (a n) (if (= n 0) 'a (b (- n 1))))
(define (b n) (if (= n 0) 'b (c (- n 1))))
(define (c n) (if (= n 0) 'c (a (- n 1))))
(print (a 900000))
(print (a 900001))
(print (a 900002))
