; Newton iteration on integers
(define (isqrt n)
  (let loop ((x n))
    (let ((y (quotient (+ x (quotient n x)) 2)))
      (if (>= y x) x (loop y)))))
(print (isqrt 1000000))
(print (isqrt 99))
(print (isqrt 2))
