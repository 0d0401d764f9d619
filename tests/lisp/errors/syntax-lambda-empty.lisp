; (lambda) has no parameter list
(lambda)
