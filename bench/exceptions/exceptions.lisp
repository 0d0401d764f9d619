;; Exceptions: 1,000,000 raise-and-catch round trips, each raised at the bottom
;; of 10 non-tail calls below the handler (`throw` caught by `try`/`catch`);
;; every 7th call returns normally instead, so the no-raise path of `try` is
;; timed too.
(define (deep n i)
  (if (= n 0)
      (if (= (remainder i 7) 0)
          i
          (throw i))
      (+ 1 (deep (- n 1) i))))

(define (run count)
  (let loop ((i 0) (acc 0))
    (if (= i count)
        acc
        (loop (+ i 1)
              (+ acc (try (deep 10 i)
                          (catch e e)))))))

(display (run 1000000))
(newline)
