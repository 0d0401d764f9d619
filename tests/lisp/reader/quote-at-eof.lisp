; a quote with nothing after it
(define x 1)
'
