; a let binding must name a symbol
(let ((1 2)) 1)
