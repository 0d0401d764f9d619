; lists, vectors, strings, chars, keywords and floats nested together
(write (list 1 (vector 2 "three" (list 4.0 #\5)) :six '(7 . 8) nil)) (newline)
