; string-append of a number
(string-append "a" 1)
