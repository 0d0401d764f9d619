; build a string in a loop
(define (repeat s n)
  (let loop ((i 0) (acc ""))
    (if (= i n) acc (loop (+ i 1) (string-append acc s)))))
(print (repeat "ab" 3))
(print (string-length (repeat "xyz" 1000)))
(write (repeat "q" 0)) (newline)
