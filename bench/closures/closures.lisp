;; Closures: each step creates three closures (two adders and their
;; composition), bumps a counter closure that mutates a captured variable, and
;; calls the composition, 3,000,000 times.
(define (make-adder k)
  (lambda (x) (+ x k)))

(define (compose f g)
  (lambda (x) (f (g x))))

(define (make-counter)
  (let ((n 0))
    (lambda ()
      (set! n (+ n 1))
      n)))

(define (run n)
  (let ((next-id (make-counter)))
    (let loop ((i 0) (acc 0))
      (if (= i n)
          acc
          (let ((f (compose (make-adder i) (make-adder (next-id)))))
            (loop (+ i 1) (+ acc (f 1))))))))

(display (run 3000000))
(newline)
