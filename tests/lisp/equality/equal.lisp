; equal? compares structure
(print (equal? "abc" "abc"))
(print (equal? [1 [2]] [1 [2]]))
(print (equal? '(1 (2 3)) (list 1 (list 2 3))))
(print (equal? '(1 2) '(1 2 3)))
(print (equal? (cons 1 2) (cons 1 2)))
(print (equal? "a" 'a))
(print (equal? [1 2] '(1 2)))
(print (equal? "abc" "abd"))
