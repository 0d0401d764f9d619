; (fold f init list) calls (f acc x) left to right
(print (fold + 0 '(1 2 3 4 5)))
(print (fold (lambda (acc x) (cons x acc)) nil '(1 2 3)))
(print (fold - 0 '(1 2 3)))
(print (fold max 0 '(3 9 2)))
(print (fold + 0 '()))
(print (fold (lambda (acc x) (string-append acc x)) "" '("a" "b" "c")))
(print (fold cons nil '(1 2)))
