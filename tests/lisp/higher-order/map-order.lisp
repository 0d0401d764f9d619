; map returns results in list order
(print (map (lambda (x) (- x)) '(3 2 1)))
(print (map (lambda (s) (string-append s "!")) '("a" "b")))
