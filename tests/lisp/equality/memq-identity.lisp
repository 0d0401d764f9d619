; memq and assq use eq?, so fresh lists are not found
(print (memq (list 1) (list (list 1))))
(define k (list 'key))
(print (assq k (list (cons k 'found))))
(print (assq (list 'key) (list (cons k 'found))))
