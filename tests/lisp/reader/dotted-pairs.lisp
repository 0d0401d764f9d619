; dotted pair notation
(print '(1 . 2))
(print '(1 2 . 3))
(print '(1 . (2 . (3 . ()))))
(print (cdr '(a . b)))
(print '(a . (b c)))
