-- An integer loop summing 0 .. 99,999,999. The Lisp version is a named let
-- (a tail-recursive loop); the Lua idiom for it is a while loop.
local function sum_below(n)
  local i, acc = 0, 0
  while i < n do
    acc = acc + i
    i = i + 1
  end
  return acc
end

print(string.format("%d", sum_below(100000000)))
