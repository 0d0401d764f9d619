; map over one list
(print (map (lambda (x) (* x x)) '(1 2 3 4)))
(print (map car '((a 1) (b 2))))
(print (map (lambda (x) x) '()))
(print (map number? (list 1 'a 2.5)))
