; the cadr family
(define l '(1 2 3 4))
(print (cadr l) " " (caddr l) " " (cadddr l))
(print (cddr l) " " (cdddr l))
(print (caar '((a b) c)) " " (cdar '((a b) c)))
(print (cadr '((a b) (c d))))
