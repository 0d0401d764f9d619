;; Sieve of Eratosthenes over a vector of booleans: counts the primes below
;; 4,000,000, five times (vector-ref / vector-set! in tight loops).
(define (count-primes n)
  (let ((composite (make-vector n #f)))
    (let outer ((i 2) (count 0))
      (cond ((= i n) count)
            ((vector-ref composite i) (outer (+ i 1) count))
            (else
             (let mark ((j (* i i)))
               (when (< j n)
                 (vector-set! composite j #t)
                 (mark (+ j i))))
             (outer (+ i 1) (+ count 1)))))))

(define (repeat-sieve times n)
  (let loop ((k 0) (total 0))
    (if (= k times)
        total
        (loop (+ k 1) (+ total (count-primes n))))))

(display (repeat-sieve 5 4000000))
(newline)
