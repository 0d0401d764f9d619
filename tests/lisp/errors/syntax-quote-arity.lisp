; quote takes exactly one datum
(quote 1 2)
