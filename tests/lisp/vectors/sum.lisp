; sum a vector with a named let
(define (vector-sum v)
  (let loop ((i 0) (acc 0))
    (if (= i (vector-length v))
        acc
        (loop (+ i 1) (+ acc (vector-ref v i))))))
(print (vector-sum (vector 10 20 30 40 50)))
(print (vector-sum (vector)))
(print (vector-sum (vector 1.5 2)))
