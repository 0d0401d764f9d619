;;; tak.lisp -- the Takeuchi function, a Gabriel benchmark.
;;;
;;; Deep non-tail recursion with three arguments; (tak 24 16 8) makes
;;; about 2.5 million calls.
;;;
;;; Expected output:
;;;   (tak 18 12 6) = 7
;;;   (tak 24 16 8) = 9

(define (tak x y z)
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(print "(tak 18 12 6) = " (tak 18 12 6))
(print "(tak 24 16 8) = " (tak 24 16 8))
