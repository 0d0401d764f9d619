; error with only a message
(error "just a message")
