-- N-queens with lists: counts the solutions for a 12x12 board, placing one
-- queen per column from a list of remaining rows. Lists are cons cells
-- {head, tail} with nil as the empty list, as in the Lisp version.
local function cons(head, tail) return { head, tail } end

-- A fresh copy of list a followed by list b, like Scheme's append.
local function append(a, b)
  if a == nil then return b end
  return cons(a[1], append(a[2], b))
end

local function ok(row, dist, placed)
  while placed ~= nil do
    local queen = placed[1]
    if queen == row + dist or queen == row - dist then return false end
    dist = dist + 1
    placed = placed[2]
  end
  return true
end

-- candidates: rows not yet tried in this column; rejected: rows tried and
-- put aside; placed: the rows of the queens already on the board.
local function try_rows(candidates, rejected, placed)
  if candidates == nil then
    if rejected == nil then return 1 end
    return 0
  end
  local row = candidates[1]
  local count = 0
  if ok(row, 1, placed) then
    count = try_rows(append(candidates[2], rejected), nil, cons(row, placed))
  end
  return count + try_rows(candidates[2], cons(row, rejected), placed)
end

local function rows_from_1(n)
  local acc = nil
  for i = n, 1, -1 do acc = cons(i, acc) end
  return acc
end

local function queens(n)
  return try_rows(rows_from_1(n), nil, nil)
end

print(string.format("%d", queens(12)))
