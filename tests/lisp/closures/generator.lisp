; a closure stepping through a list, then returning done
(define (make-gen l)
  (lambda ()
    (if (null? l)
        'done
        (let ((x (car l)))
          (set! l (cdr l))
          x))))
(define g (make-gen '(a b)))
(print (g))
(print (g))
(print (g))
(print (g))
