; even? needs an integer
(even? "2")
