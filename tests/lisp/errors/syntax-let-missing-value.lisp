; a let binding without a value
(let ((x)) x)
