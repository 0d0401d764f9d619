-- Sieve of Eratosthenes over an array of booleans: counts the primes below
-- 4,000,000, five times. The array is indexed 1..n, entry i + 1 standing for
-- the number i, so that it stays in Lua's array part.
local function count_primes(n)
  local composite = {}
  for k = 1, n do composite[k] = false end
  local count = 0
  for i = 2, n - 1 do
    if not composite[i + 1] then
      local j = i * i
      while j < n do
        composite[j + 1] = true
        j = j + i
      end
      count = count + 1
    end
  end
  return count
end

local function repeat_sieve(times, n)
  local total = 0
  for _ = 1, times do total = total + count_primes(n) end
  return total
end

print(string.format("%d", repeat_sieve(5, 4000000)))
