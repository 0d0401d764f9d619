; exit stops the program; nothing after it runs
(print "before")
(exit)
(print "after")
