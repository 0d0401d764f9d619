; A loop of ten million iterations runs in constant space.
(define (count-up n)
  (let loop ((i 0))
    (if (< i n) (loop (+ i 1)) i)))
(print (count-up 10000000))
(define (mutual-even? n) (if (= n 0) #t (mutual-odd? (- n 1))))
(define (mutual-odd? n) (if (= n 0) #f (mutual-even? (- n 1))))
(print (mutual-even? 1000001))
