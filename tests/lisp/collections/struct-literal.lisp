; {k v ...} is a struct
(print {:a 1 :b 2})
(write {:name "Ann" :age 30}) (newline)
(display {:name "Ann"}) (newline)
