; (error "msg" irritants...) raises a user error
(print "before")
(error "boom" 1 2)
(print "after")
