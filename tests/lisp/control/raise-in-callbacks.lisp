; raises inside callbacks of map, for-each, filter, fold and sort reach the enclosing try
(define (boom-at n) (lambda (x) (if (= x n) (throw (list 'boom x)) (* x 10))))
(print (try (map (boom-at 3) '(1 2 3 4)) (catch e e)))
(print (try (for-each (boom-at 2) '(1 2 3)) (catch e e)))
(print (try (filter (lambda (x) (car x)) '(1 2)) (catch e (exception-kind e))))
(print (try (fold (lambda (acc x) (if (> x 2) (error "too big" x) (+ acc x))) 0 '(1 2 3)) (catch e (exception-data e))))
(print (try (sort '(3 1 2) (lambda (a b) (throw 'in-sort))) (catch e e)))
(print (try (vector-map (boom-at 2) [1 2 3]) (catch e e)))
(print (try (apply (boom-at 1) '(1)) (catch e e)))
; the same callbacks still work afterwards
(print (map (boom-at 99) '(1 2 3)))
