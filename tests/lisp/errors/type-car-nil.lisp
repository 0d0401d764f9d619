; car of the empty list is an error (first is not)
(print (first nil))
(car nil)
