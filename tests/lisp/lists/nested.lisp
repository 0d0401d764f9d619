; nested lists with nil inside
(print (list 1 (list 2 (list 3 (list 4))) nil))
(print (list nil nil))
(print (cons nil nil))
(print (length (list nil nil nil)))
