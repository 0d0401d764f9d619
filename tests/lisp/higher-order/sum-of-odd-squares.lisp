; filter, map and fold together
(define (range a b) (if (> a b) nil (cons a (range (+ a 1) b))))
(print (fold + 0 (map (lambda (x) (* x x)) (filter odd? (range 1 10)))))
(print (map (lambda (x y) (* x y)) (range 1 5) (range 6 10)))
