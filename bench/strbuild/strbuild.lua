-- String building: the decimal numbers 0 .. 99,999 appended into one string
-- of 488,890 characters, in two levels so the copying stays moderate: chunks
-- of 250 numbers are built by repeated concatenation, then the chunks are
-- appended to the result. Done 20 times; prints the total length.
local function chunk_string(start, count)
  local s = ""
  for i = start, start + count - 1 do
    s = s .. tostring(i)
  end
  return s
end

local function build_string(pieces, chunk_size)
  local acc = ""
  local i = 0
  while i < pieces do
    acc = acc .. chunk_string(i, chunk_size)
    i = i + chunk_size
  end
  return acc
end

local function repeat_build(times)
  local total = 0
  for _ = 1, times do
    total = total + #build_string(100000, 250)
  end
  return total
end

print(string.format("%d", repeat_build(20)))
