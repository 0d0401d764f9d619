; cond's => passes the test value to a procedure
(define al '((a 1) (b 2)))
(define (lookup k) (cond ((assq k al) => cadr) (else 'none)))
(print (lookup 'b))
(print (lookup 'z))
(print (cond ((memq 'c '(a b c d)) => length) (else 0)))
