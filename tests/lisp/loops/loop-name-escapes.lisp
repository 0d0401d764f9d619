; A loop name used as a value (not only called in tail position) still
; works: the loop is then an ordinary recursive procedure.
(define (collect n)
  (let loop ((i 0))
    (if (= i n) '() (cons i (loop (+ i 1))))))
(print (collect 5))
(define (procedure-of-loop)
  (let loop ((i 0)) (if (< i 1) loop i)))
(print (procedure? (procedure-of-loop)))
(print ((procedure-of-loop) 7))
