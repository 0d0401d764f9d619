; equal? on mixed nested structures
(print (equal? (list 1 "two" [3 #\4] '(5 . 6)) (list 1 "two" [3 #\4] (cons 5 6))))
(print (equal? (list 1 "two" [3 #\4]) (list 1 "two" [3 #\5])))
(print (equal? [] []))
(print (equal? (vector) [1]))
