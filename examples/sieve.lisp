;;; sieve.lisp -- the sieve of Eratosthenes on a vector.
;;;
;;; Marks the multiples of each prime in a vector of booleans, then counts
;;; what is left.
;;;
;;; Expected output:
;;;   primes below 100: (2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 61 67 71 73 79 83 89 97)
;;;   count below 1000000: 78498

;; Returns a vector v of length n where (vector-ref v i) is #t iff i is prime.
(define (sieve n)
  (let ((prime (make-vector n #t)))
    (vector-set! prime 0 #f)
    (vector-set! prime 1 #f)
    (do ((i 2 (+ i 1)))
        ((> (* i i) n) prime)
      (when (vector-ref prime i)
        (do ((j (* i i) (+ j i)))
            ((>= j n))
          (vector-set! prime j #f))))))

(define (primes-below n)
  (let ((v (sieve n)))
    (let loop ((i (- n 1)) (acc nil))
      (cond ((< i 0) acc)
            ((vector-ref v i) (loop (- i 1) (cons i acc)))
            (else (loop (- i 1) acc))))))

(define (count-primes-below n)
  (let ((v (sieve n)))
    (do ((i 0 (+ i 1))
         (count 0 (if (vector-ref v i) (+ count 1) count)))
        ((= i n) count))))

(print "primes below 100: " (primes-below 100))
(print "count below 1000000: " (count-primes-below 1000000))
