#!/usr/bin/env elle
; a leading #! line is skipped
(print "shebang skipped")
