; nth past the end
(print (nth 0 '(x)))
(nth 5 '(x))
