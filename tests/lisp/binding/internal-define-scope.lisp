; an internal define does not leak or clobber the global
(define y 'global-y)
(define (f)
  (define y 'local-y)
  y)
(print (f))
(print y)
(print (let ((x 1)) (define z (+ x 1)) (* z 10)))
