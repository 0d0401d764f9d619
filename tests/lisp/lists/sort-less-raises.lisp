; an uncaught error from less? stops the program
(print (sort '(2 1) <))
(sort '(2 1 3) (lambda (a b) (error "cannot compare" a b)))
