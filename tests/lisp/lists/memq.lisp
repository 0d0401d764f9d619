; memq returns the tail starting at the element, or #f
(print (memq 'c '(a b c d)))
(print (memq 'z '(a b)))
(print (memq 'a '(a)))
(print (memq 'x '()))
(print (if (memq 'b '(a b)) 'found 'missing))
