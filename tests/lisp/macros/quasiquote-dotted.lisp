; quasiquote with dotted tails
(print `(1 . ,(+ 1 1)))
(print `(,@(list 1 2) . 3))
(print `((a . ,(* 2 3)) (b . ,(list 1))))
