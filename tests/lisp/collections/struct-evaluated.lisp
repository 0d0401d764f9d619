; struct keys and values are evaluated
(print (let ((x 5)) {:x x :sq (* x x)}))
(define k :key)
(print {k (+ 1 2)})
