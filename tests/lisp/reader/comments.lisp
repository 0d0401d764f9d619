; line comments, nested block comments and datum comments
(print 1) ; trailing comment
#| block
   comment |#
(print 2)
#| outer #| nested |# still comment (print 99) |#
(print 3)
#;(print 100)
(print 4 #;5 6)
(print (+ 1 #;(* 100 100) 2))
#; #;(print 7) (print 8)
(print 9)
