; a list opened with ( closed with ]
(define x (1 2])
