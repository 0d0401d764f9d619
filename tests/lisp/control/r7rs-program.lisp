; a plain R7RS program using call-with-values, guard, dynamic-wind and
; escaping call/cc runs unmodified
(import (scheme base) (scheme write))

(define (safe-div a b)
  (guard (e ((error-object? e) (values #f (error-object-message e))))
    (if (= b 0)
        (error "division by zero:" a)
        (values (quotient a b) (remainder a b)))))

(define (show . xs) (for-each display xs) (newline))

(call-with-values (lambda () (safe-div 17 5))
  (lambda (q r) (show "17/5 = " q " rest " r)))
(call-with-values (lambda () (safe-div 1 0))
  (lambda (ok msg) (show "1/0: " msg)))

(define trail '())
(define (trace x) (set! trail (cons x trail)))

(define (search-tree tree goal)
  (call-with-current-continuation
    (lambda (return)
      (let walk ((t tree))
        (cond ((null? t) #f)
              ((pair? t)
               (dynamic-wind
                 (lambda () (trace 'enter))
                 (lambda () (walk (car t)) (walk (cdr t)))
                 (lambda () (trace 'leave))))
              ((eqv? t goal) (return t))
              (else #f)))
      'not-found)))

(show (search-tree '((1 2) (3 (4 5)) 6) 4))
(show "balanced: " (= (length (filter (lambda (x) (eq? x 'enter)) trail))
                      (length (filter (lambda (x) (eq? x 'leave)) trail))))
(show (search-tree '(1 2 3) 9))

(define (checked-sqrt x)
  (if (< x 0) (raise (list 'negative x)) (exact (floor (sqrt x)))))
(show (guard (c ((and (pair? c) (eq? (car c) 'negative)) (string-append "negative: " (number->string (cadr c)))))
        (checked-sqrt -4)))
(show (checked-sqrt 17))
(let-values (((a b) (values 1 2)) ((c) (values 3)))
  (show (+ a b c)))
