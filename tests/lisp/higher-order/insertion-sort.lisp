; insertion sort via fold
(define (insert x sorted)
  (cond ((null? sorted) (list x))
        ((<= x (car sorted)) (cons x sorted))
        (else (cons (car sorted) (insert x (cdr sorted))))))
(define (isort l) (fold (lambda (acc x) (insert x acc)) nil l))
(print (isort '(5 3 8 1 9 2 7)))
(print (isort '(1)))
