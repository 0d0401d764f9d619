; forms before a malformed one have already run
(print "ok")
(if)
