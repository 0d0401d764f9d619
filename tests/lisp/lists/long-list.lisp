; a million-element list built iteratively, then reversed
(define (iota n)
  (let loop ((i (- n 1)) (acc nil))
    (if (< i 0) acc (loop (- i 1) (cons i acc)))))
(define l (iota 1000000))
(print (length l))
(define r (reverse l))
(print (car r) " " (car l))
(print (list-ref l 123456))
