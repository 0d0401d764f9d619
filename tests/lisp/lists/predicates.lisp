; null? nil? pair? list?
(print (list (null? '()) (null? '(1)) (null? 0) (null? #f)))
(print (list (nil? nil) (nil? #f) (nil? '(nil))))
(print (list (pair? '(1)) (pair? '()) (pair? (cons 1 2)) (pair? [1])))
(print (list (list? '(1 2)) (list? '()) (list? '(1 . 2)) (list? 5) (list? [1])))
