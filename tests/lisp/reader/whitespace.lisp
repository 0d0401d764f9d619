; tabs and blank lines separate tokens like spaces
(print	(+	1
	2)

   )
(print (list 1
             2))
