; truthiness of many values at once
(print (map (lambda (x) (if x 'T 'F))
            (list 0 "" '() #f nil #t 'a [] 0.0 (list nil))))
