;; List allocation: builds a list of 1,000,000 integers, maps it, reverses it
;; and folds it to a sum, three times. Measures cons allocation, the collector
;; and the list builtins.
(define (build-list n)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0)
        acc
        (loop (- i 1) (cons i acc)))))

(define (round-trip n)
  (let* ((numbers (build-list n))
         (doubled (map (lambda (x) (* x 2)) numbers))
         (backwards (reverse doubled)))
    (fold (lambda (acc x) (+ acc x)) 0 backwards)))

(define (repeat-round-trip times n)
  (let loop ((k 0) (total 0))
    (if (= k times)
        total
        (loop (+ k 1) (+ total (round-trip n))))))

(display (repeat-round-trip 3 1000000))
(newline)
