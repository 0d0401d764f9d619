;; Takeuchi function: deep non-tail recursion with three arguments,
;; (tak 24 16 8) computed 20 times.
(define (tak x y z)
  (if (< y x)
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))
      z))

(define (repeat-tak times)
  (let loop ((i 0) (sum 0))
    (if (= i times)
        sum
        (loop (+ i 1) (+ sum (tak 24 16 8))))))

(display (repeat-tak 20))
(newline)
