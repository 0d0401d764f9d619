; string-length counts characters, not bytes
(print (string-length "héllo"))
(print "héllo wörld")
(print (string-length "日本"))
