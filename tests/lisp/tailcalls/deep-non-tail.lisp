; non-tail recursion 100,000 deep completes
(define (count n) (if (= n 0) 0 (+ 1 (count (- n 1)))))
(print (count 100000))
(define (build n) (if (= n 0) nil (cons n (build (- n 1)))))
(print (length (build 100000)))
