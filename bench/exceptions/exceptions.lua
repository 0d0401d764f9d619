-- Exceptions: 1,000,000 raise-and-catch round trips, each raised at the bottom
-- of 10 non-tail calls below the handler (`error(i)` caught by `pcall`; the
-- error value is the integer itself, and `error` prepends position information
-- only to string messages, so none is built); every 7th call returns normally
-- instead, so the no-raise path of `pcall` is timed too.
local function deep(n, i)
  if n == 0 then
    if i % 7 == 0 then return i end
    error(i)
  end
  return 1 + deep(n - 1, i)
end

local function run(count)
  local acc = 0
  for i = 0, count - 1 do
    -- pcall gives the result on a normal return and the error value on a raise.
    local _, v = pcall(deep, 10, i)
    acc = acc + v
  end
  return acc
end

print(string.format("%d", run(1000000)))
