# Start-up probe: an empty program. bench/run times it and subtracts the result.
