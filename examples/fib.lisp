;;; fib.lisp -- naive doubly recursive Fibonacci.
;;;
;;; Exercises non-tail calls, integer arithmetic and comparison:
;;; (fib 30) makes about 1.6 million calls.
;;;
;;; Expected output:
;;;   fib(10) = 55
;;;   fib(30) = 832040

(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(print "fib(10) = " (fib 10))
(print "fib(30) = " (fib 30))
