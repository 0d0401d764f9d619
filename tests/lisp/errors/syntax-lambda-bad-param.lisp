; lambda parameters must be symbols
(lambda (1) 1)
