; the handler of a try without finally is in tail position: a retry loop
; through catch runs in constant space
(define (retry n) (try (if (> n 0) (throw n) 'done) (catch e (retry (- n 1)))))
(print (retry 1000))
(define (count-errors lst acc)
  (if (null? lst)
      acc
      (try (begin (car (car lst)) (count-errors (cdr lst) acc))
           (catch e (count-errors (cdr lst) (+ acc 1))))))
(print (count-errors (list (list 1) 2 (list 3) 4 5) 0))
(let loop ((i 0))
  (if (< i 3)
      (begin (display i) (loop (+ i 1)))
      (try (car i) (catch e (print " caught in a loop's tail")))))
