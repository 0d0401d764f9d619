-- Ackermann function A(3, 10): very many calls and a recursion depth of
-- about 8,000 frames.
local function ack(m, n)
  if m == 0 then
    return n + 1
  elseif n == 0 then
    return ack(m - 1, 1)
  else
    return ack(m - 1, ack(m, n - 1))
  end
end

print(string.format("%d", ack(3, 10)))
