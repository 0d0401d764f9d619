; true/false/nil everywhere
(display (list #t #f nil)) (newline)
(write (list '() '(()))) (newline)
(print (vector #t nil))
