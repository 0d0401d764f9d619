; a zero-parameter function called with an argument
(define (thunk) 'ok)
(print (thunk))
(thunk 'extra)
