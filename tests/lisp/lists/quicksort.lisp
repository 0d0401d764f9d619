; quicksort with filter and append
(define (qsort l)
  (if (null? l)
      nil
      (let ((p (car l)) (xs (cdr l)))
        (append (qsort (filter (lambda (x) (< x p)) xs))
                (list p)
                (qsort (filter (lambda (x) (>= x p)) xs))))))
(print (qsort '(3 1 4 1 5 9 2 6 5 3 5)))
(print (qsort '()))
(print (qsort '(2 1)))
