;;; closures.lisp -- closures capture variables by reference.
;;;
;;; Counters with private state, closures sharing one variable, function
;;; composition and a memoizing wrapper.
;;;
;;; Expected output:
;;;   counters: 3 1
;;;   shared: 10 -> 15
;;;   composed: 49
;;;   adders: (11 12 13)
;;;   memo fib(80) = 23416728348467685

;; A counter: each call returns the next integer; every counter is independent.
(define (make-counter)
  (let ((n 0))
    (lambda () (set! n (+ n 1)) n)))

(define a (make-counter))
(define b (make-counter))
(a) (a)
(print "counters: " (a) " " (b))

;; Two closures over the same variable: a setter's change is seen by the getter.
(define (make-box v)
  (cons (lambda () v)
        (lambda (new) (set! v new))))
(define box (make-box 10))
(define before ((car box)))
((cdr box) 15)
(print "shared: " before " -> " ((car box)))

;; Composition builds new functions out of old ones.
(define (compose f g) (lambda (x) (f (g x))))
(define square (lambda (x) (* x x)))
(define add1 (lambda (x) (+ x 1)))
(print "composed: " ((compose square add1) 6))

;; A function returning functions, used with map.
(define (make-adder n) (lambda (x) (+ x n)))
(print "adders: " (map (lambda (n) ((make-adder n) 10)) '(1 2 3)))

;; Memoization: the cache is a vector captured by the closure.
(define (memoize-fib size)
  (let ((cache (make-vector size #f)))
    (define (fib n)
      (if (< n 2)
          n
          (let ((hit (vector-ref cache n)))
            (or hit
                (let ((v (+ (fib (- n 1)) (fib (- n 2)))))
                  (vector-set! cache n v)
                  v)))))
    fib))
(print "memo fib(80) = " ((memoize-fib 81) 80))
