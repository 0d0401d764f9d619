# Sieve of Eratosthenes over a list of booleans: counts the primes below
# 4,000,000, five times (element reads and writes in explicit loops, no
# slice assignment, to keep the algorithm the same as the other versions).


def count_primes(n):
    composite = [False] * n
    count = 0
    for i in range(2, n):
        if not composite[i]:
            j = i * i
            while j < n:
                composite[j] = True
                j += i
            count += 1
    return count


def repeat_sieve(times, n):
    total = 0
    for _ in range(times):
        total += count_primes(n)
    return total


print(repeat_sieve(5, 4000000))
