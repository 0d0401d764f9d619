; @{k v ...} is a table
(print @{:a 1 :b (+ 1 1)})
(write @{:s "str"}) (newline)
