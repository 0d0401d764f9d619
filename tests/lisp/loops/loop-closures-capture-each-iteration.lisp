; Each iteration of a named let has fresh bindings: closures made in
; different iterations see different values.
(define fs
  (let loop ((i 0) (acc '()))
    (if (= i 3)
        (reverse acc)
        (loop (+ i 1) (cons (lambda () i) acc)))))
(print (map (lambda (f) (f)) fs))
; ... also when the captured variable is assigned inside the iteration.
(define gs
  (let loop ((i 0) (acc '()))
    (if (= i 3)
        (reverse acc)
        (begin
          (set! i (* i 10))
          (loop (+ (/ i 10) 1) (cons (lambda () i) acc))))))
(print (map (lambda (g) (g)) gs))
