; empty struct and table
(print {})
(print @{})
(print (list {} @{}))
