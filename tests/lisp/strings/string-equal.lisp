; string=? compares contents
(print (string=? "abc" "abc"))
(print (string=? "abc" "abd"))
(print (string=? "" ""))
(print (string=? (string-append "a" "b") "ab"))
(print (string=? "abc" "ab"))
