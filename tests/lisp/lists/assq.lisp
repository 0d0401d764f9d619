; assq finds the first pair whose car is eq?
(define al '((a 1) (b 2) (c 3) (b 4)))
(print (assq 'b al))
(print (assq 'x al))
(print (cadr (assq 'c al)))
(print (cdr (assq 'k '((j . 1) (k . 2)))))
(print (assq :key (list (list :other 0) (list :key "v"))))
