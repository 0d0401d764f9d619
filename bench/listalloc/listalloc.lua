-- List allocation: builds a list of 1,000,000 integers, maps it, reverses it
-- and folds it to a sum, three times. Lists are cons cells {head, tail} with
-- nil as the empty list, and map, reverse and fold are written out the way a
-- Lisp runtime implements them, so every cell is a separate allocation.
local function build_list(n)
  local acc = nil
  for i = n - 1, 0, -1 do acc = { i, acc } end
  return acc
end

-- Builds the result front to back by appending to the last cell.
local function map(f, list)
  if list == nil then return nil end
  local head = { f(list[1]), nil }
  local last = head
  list = list[2]
  while list ~= nil do
    local cell = { f(list[1]), nil }
    last[2] = cell
    last = cell
    list = list[2]
  end
  return head
end

local function reverse(list)
  local acc = nil
  while list ~= nil do
    acc = { list[1], acc }
    list = list[2]
  end
  return acc
end

local function fold(f, acc, list)
  while list ~= nil do
    acc = f(acc, list[1])
    list = list[2]
  end
  return acc
end

local function round_trip(n)
  local numbers = build_list(n)
  local doubled = map(function(x) return x * 2 end, numbers)
  local backwards = reverse(doubled)
  return fold(function(acc, x) return acc + x end, 0, backwards)
end

local function repeat_round_trip(times, n)
  local total = 0
  for _ = 1, times do total = total + round_trip(n) end
  return total
end

print(string.format("%d", repeat_round_trip(3, 1000000)))
