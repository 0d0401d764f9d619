; #( ... ) is Scheme's vector syntax
(print #(1 2 3))
(print (vector-ref #(a b c) 1))
(print (vector-length #()))
(print (vector? #(1)))
