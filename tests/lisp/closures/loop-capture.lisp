; each iteration of a named let or do gets fresh bindings
(define fs
  (let loop ((i 0) (acc nil))
    (if (= i 3) (reverse acc) (loop (+ i 1) (cons (lambda () i) acc)))))
(print (map (lambda (f) (f)) fs))
(define gs nil)
(do ((i 0 (+ i 1))) ((= i 3))
  (set! gs (cons (lambda () (* i 10)) gs)))
(print (map (lambda (f) (f)) gs))
