; apply in tail position is a tail call
(define (f n) (if (= n 0) 'apply-done (apply f (list (- n 1)))))
(print (f 1000000))
