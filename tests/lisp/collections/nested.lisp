; collections inside structs
(print {:list '(1 2) :vec [1 2] :inner {:k "v"} :t @{:n nil}})
