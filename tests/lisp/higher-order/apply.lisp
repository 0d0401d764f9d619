; apply spreads a final list argument
(print (apply + '(1 2 3)))
(print (apply + 1 2 '(3 4)))
(print (apply list 'a '(b c)))
(print (apply + '()))
(print (apply max '(3 1 4 1 5)))
(print (apply (lambda (a . r) r) '(1 2 3)))
(print (apply cons '(1 2)))
