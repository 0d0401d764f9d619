; gensym returns fresh symbols
(define a (gensym))
(define b (gensym))
(print (symbol? a))
(print (eq? a b))
(print (eq? a a))
