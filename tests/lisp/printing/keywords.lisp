; keywords print with their colon
(print :a)
(write (list :a :b-c)) (newline)
(print [:x 1])
