; [..] evaluates its elements; '[..] and #(..) are literal
(print [1 2 3])
(print [1 (+ 1 1) (* 2 2)])
(print '[a b c])
(print '[x (+ 1 1)])
(print #(1 2 3))
(print [])
(print (vector? [1]) " " (vector? '(1)))
(print [[1 2] [3]])
