; raises from functions hot enough to run natively, caught by an
; interpreted try; each round trip leaves nothing behind
(define (leaf i) (if (= (remainder i 3) 0) (throw i) i))
(define (mid i) (+ 1 (leaf i)))
(define (run n)
  (let loop ((i 0) (caught 0) (normal 0))
    (if (= i n)
        (list caught normal)
        (let ((r (try (mid i) (catch e (- -1 e)))))
          (if (< r 0) (loop (+ i 1) (+ caught 1) normal) (loop (+ i 1) caught (+ normal r)))))))
(print (run 3000))
; a hot loop that raises a runtime error from inside native arithmetic
(define (sum-until-bad lst)
  (let loop ((l lst) (acc 0)) (if (null? l) acc (loop (cdr l) (+ acc (car l))))))
(define good (iota 500))
(print (sum-until-bad good))
(print (try (sum-until-bad (append good (list 'x))) (catch e (exception-message e))))
(print (sum-until-bad good))
; escapes from hot code
(define (find-over lst limit)
  (call/cc (lambda (k) (for-each (lambda (x) (if (> x limit) (k x))) lst) #f)))
(print (let loop ((i 0) (acc 0)) (if (= i 300) acc (loop (+ i 1) (+ acc (find-over good i))))))
