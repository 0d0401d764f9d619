;; String building: the decimal numbers 0 .. 99,999 appended into one string
;; of 488,890 characters, in two levels so the copying stays moderate: chunks
;; of 250 numbers are built by repeated string-append, then the chunks are
;; appended to the result. Done 20 times; prints the total length.
(define (chunk-string start count)
  (let ((stop (+ start count)))
    (let loop ((i start) (s ""))
      (if (= i stop)
          s
          (loop (+ i 1) (string-append s (number->string i)))))))

(define (build-string pieces chunk-size)
  (let loop ((i 0) (acc ""))
    (if (>= i pieces)
        acc
        (loop (+ i chunk-size)
              (string-append acc (chunk-string i chunk-size))))))

(define (repeat-build times)
  (let loop ((k 0) (total 0))
    (if (= k times)
        total
        (loop (+ k 1)
              (+ total (string-length (build-string 100000 250)))))))

(display (repeat-build 20))
(newline)
