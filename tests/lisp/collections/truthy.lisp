; an empty struct or table is true
(print (if {} 'yes 'no))
(print (if @{} 'yes 'no))
