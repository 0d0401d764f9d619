; each let evaluation creates fresh variables
(define (make) (let ((v 0)) (lambda () (set! v (+ v 1)) v)))
(define a (make))
(define b (make))
(a) (a)
(print (a) " " (b))
