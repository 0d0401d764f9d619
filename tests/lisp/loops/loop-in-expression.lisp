; A named let used as a value in the middle of an expression.
(define (sum-to n)
  (+ 1000 (let loop ((i 0) (acc 0))
            (if (> i n) acc (loop (+ i 1) (+ acc i))))))
(print (sum-to 10))
(print (list (let loop ((i 3) (acc '())) (if (= i 0) acc (loop (- i 1) (cons i acc)))) 'after))
