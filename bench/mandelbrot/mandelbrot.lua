-- Mandelbrot set: float arithmetic in a tight loop. Counts the points of a
-- 1000x1000 grid over [-1.5, 0.5] x [-1, 1] that stay bounded for 50 iterations.
local max_iterations = 50

local function in_set(cr, ci)
  local zr, zi = 0.0, 0.0
  for _ = 1, max_iterations do
    if zr * zr + zi * zi > 4.0 then return false end
    zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
  end
  return true
end

local function count_points(size)
  local count = 0
  for y = 0, size - 1 do
    local ci = 2.0 * y / size - 1.0
    for x = 0, size - 1 do
      local cr = 2.0 * x / size - 1.5
      if in_set(cr, ci) then count = count + 1 end
    end
  end
  return count
end

print(string.format("%d", count_points(1000)))
