; a raise 10,000 frames deep reaches the try below them, and an escape
; 100,000 frames deep reaches its call/cc; finally clauses at every level run
(define (deep n) (if (= n 0) (throw 'bottom) (+ 1 (deep (- n 1)))))
(print (try (deep 10000) (catch e e)))
(define (deep-k n k) (if (= n 0) (k 'escaped) (+ 1 (deep-k (- n 1) k))))
(print (call/cc (lambda (k) (deep-k 100000 k))))
(define count 0)
(define (deep-finally n)
  (if (= n 0) (car '()) (try (+ 1 (deep-finally (- n 1))) (finally (set! count (+ count 1))))))
(print (try (deep-finally 10000) (catch e (exception-kind e))))
(print count)
; a try at every level: the innermost catches, the rest see a normal value
(define (deep-try n) (if (= n 0) (throw 1) (try (+ 1 (deep-try (- n 1))) (catch e (+ e 100)))))
(print (deep-try 5000))
