; structs and tables print keys in insertion order
(print {:z 1 :a 2 :m 3})
(print @{:c 3 :b 2 :a 1})
