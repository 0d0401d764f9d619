;; A tail-recursive integer loop: a named let summing 0 .. 99,999,999.
;; Measures the cost of one loop iteration (compare, add, add, jump).
(define (sum-below n)
  (let loop ((i 0) (acc 0))
    (if (< i n)
        (loop (+ i 1) (+ acc i))
        acc)))

(display (sum-below 100000000))
(newline)
