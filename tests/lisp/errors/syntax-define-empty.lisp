; (define) with nothing to define
(define)
