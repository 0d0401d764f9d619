; An inner named let whose tail calls the outer loop (a grid walk), and an
; inner loop in argument position that calls the outer loop (not a tail
; call of the outer loop, so it stays an ordinary recursive call).
(define (grid-sum n)
  (let rows ((y 0) (total 0))
    (if (= y n)
        total
        (let cols ((x 0) (total total))
          (if (= x n)
              (rows (+ y 1) total)
              (cols (+ x 1) (+ total (* x y))))))))
(print (grid-sum 4))
(define (nested-count n)
  (let outer ((i 0))
    (if (= i n)
        '()
        (cons (let inner ((j 0)) (if (< j i) (inner (+ j 1)) j))
              (outer (+ i 1))))))
(print (nested-count 4))
(define (escape n)
  (let outer ((i 0))
    (+ 1 (let inner ((j i)) (if (>= j n) 0 (outer (+ j 1)))))))
(print (escape 3))
