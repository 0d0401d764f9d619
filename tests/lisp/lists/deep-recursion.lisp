; non-tail recursion 100,000 deep: build and sum a list recursively
(define (build n) (if (= n 0) nil (cons n (build (- n 1)))))
(define (sum l) (if (null? l) 0 (+ (car l) (sum (cdr l)))))
(define big (build 100000))
(print (length big))
(print (sum big))
(print (car big) " " (list-ref big 99999))
