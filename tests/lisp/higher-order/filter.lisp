; filter keeps elements for which the predicate is true
(print (filter even? '(1 2 3 4 5 6)))
(print (filter (lambda (x) (> x 10)) '(1 2)))
(print (filter symbol? '(a 1 "b" c :d)))
(print (filter (lambda (x) x) (list 1 #f 2 nil 3)))
