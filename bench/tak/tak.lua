-- Takeuchi function: deep non-tail recursion with three arguments,
-- tak(24, 16, 8) computed 20 times.
local function tak(x, y, z)
  if y < x then
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
  end
  return z
end

local function repeat_tak(times)
  local sum = 0
  for _ = 1, times do
    sum = sum + tak(24, 16, 8)
  end
  return sum
end

print(string.format("%d", repeat_tak(20)))
