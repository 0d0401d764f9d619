; keywords read as :name and evaluate to themselves
(write :k) (newline)
(display :hello-world) (newline)
(print (keyword? :k) " " (keyword? 'k))
(print (eq? :a :a))
(print (list :a 1 :b 2))
