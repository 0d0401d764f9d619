;; Exceptions: 1,000,000 raise-and-catch round trips, each raised at the bottom
;; of 10 non-tail calls below the handler (`raise` of the integer, caught by
;; `guard`, as R6RS and R7RS define them); every 7th call returns normally
;; instead, so the no-raise path of `guard` is timed too.
;; Guile 3 binds neither `guard` nor this `raise` in its default environment
;; (its own `raise` sends a POSIX signal), so both are imported from the R6RS
;; library, which Chez Scheme provides too; Guile warns on stderr that the
;; import overrides its `raise`.
(import (rnrs exceptions))

(define (deep n i)
  (if (= n 0)
      (if (= (remainder i 7) 0)
          i
          (raise i))
      (+ 1 (deep (- n 1) i))))

(define (run count)
  (let loop ((i 0) (acc 0))
    (if (= i count)
        acc
        (loop (+ i 1)
              (+ acc (guard (e (#t e))
                       (deep 10 i)))))))

(display (run 1000000))
(newline)
