; #t #f true false nil literals
(print #t " " #f)
(print true " " false)
(print nil)
(print '())
(print (eq? true #t) " " (eq? false #f))
(print (null? nil) " " (null? '()))
(print (boolean? #f) " " (boolean? nil))
