; flatten a tree into a list
(define (flatten x)
  (cond ((null? x) nil)
        ((pair? x) (append (flatten (car x)) (flatten (cdr x))))
        (else (list x))))
(print (flatten '(1 (2 (3 4)) ((5)) () 6)))
(print (flatten '()))
