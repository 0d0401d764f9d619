# An integer loop summing 0 .. 99,999,999. The Lisp version is a named let
# (a tail-recursive loop); Python has no tail calls, so this is a while loop.


def sum_below(n):
    i = 0
    acc = 0
    while i < n:
        acc += i
        i += 1
    return acc


print(sum_below(100000000))
