; quote, quasiquote and unquote characters end a symbol, as in Scheme.
(print '(a'b))
(print (length '(x`y,z)))
