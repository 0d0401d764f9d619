; display of a collection writes its elements
(display (list "a" #\b)) (newline)
(display (vector "x" #\y)) (newline)
(display (list (list "nested") "s")) (newline)
(display "top") (newline)
(display (cons "a" "b")) (newline)
