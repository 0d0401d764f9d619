; calling a string literal
("not a function")
