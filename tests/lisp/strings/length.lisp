; string-length counts characters
(print (string-length "hello"))
(print (string-length ""))
(print (string-length "a b"))
(print (string-length "tab\there"))
