# Takeuchi function: deep non-tail recursion with three arguments,
# tak(24, 16, 8) computed 20 times.
def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


def repeat_tak(times):
    total = 0
    for _ in range(times):
        total += tak(24, 16, 8)
    return total


print(repeat_tak(20))
