; #q is not a valid token
(define x #q)
