; a named let loop of a million iterations
(print (let loop ((i 1) (sum 0)) (if (> i 1000000) sum (loop (+ i 1) (+ sum i)))))
