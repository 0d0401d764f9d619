; a do variable without a step keeps its value; result forms run in order
(print (do ((i 0 (+ i 1)) (k 10)) ((= i 3) (+ i k))))
(print (do ((i 0 (+ i 1))) ((= i 2) (display "done ") i)))
(print (do ((i 10 (+ i 1))) (#t 'immediately)))
