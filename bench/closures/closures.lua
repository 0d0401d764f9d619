-- Closures: each step creates three closures (two adders and their
-- composition), bumps a counter closure that mutates a captured variable, and
-- calls the composition, 3,000,000 times.
local function make_adder(k)
  return function(x) return x + k end
end

local function compose(f, g)
  return function(x) return f(g(x)) end
end

local function make_counter()
  local n = 0
  return function()
    n = n + 1
    return n
  end
end

local function run(n)
  local next_id = make_counter()
  local acc = 0
  for i = 0, n - 1 do
    local f = compose(make_adder(i), make_adder(next_id()))
    acc = acc + f(1)
  end
  return acc
end

print(string.format("%d", run(3000000)))
