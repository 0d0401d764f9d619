; string-length of a symbol
(string-length 'abc)
