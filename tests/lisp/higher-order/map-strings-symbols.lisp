; map with string and symbol builtins
(print (map string-length '("a" "bb" "ccc")))
(print (map symbol->string '(a b)))
(print (map string->symbol (list "x" "y")))
