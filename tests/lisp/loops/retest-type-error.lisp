; A loop variable that stops being a number fails the loop test with a
; type error, whether the test runs at the head or at the back-edge.
(define (walk)
  (let loop ((i 0))
    (if (< i 5) (loop (if (= i 2) "two" (+ i 1))) i)))
(print "start")
(walk)
