; deeply nested list data reads back intact
(print '((a (b (c (d))))))
(print (car (cadr (car '((a (b (c (d)))))))))
(print '(() (()) ((()))))
