; cond with else
(define (classify n)
  (cond ((< n 0) 'negative)
        ((= n 0) 'zero)
        (else 'positive)))
(print (classify -5) " " (classify 0) " " (classify 5))
