# Closures: each step creates three closures (two adders and their
# composition), bumps a counter closure that mutates a captured variable, and
# calls the composition, 3,000,000 times.


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    return lambda x: f(g(x))


def make_counter():
    n = 0

    def next_value():
        nonlocal n
        n += 1
        return n

    return next_value


def run(n):
    next_id = make_counter()
    acc = 0
    for i in range(n):
        f = compose(make_adder(i), make_adder(next_id()))
        acc += f(1)
    return acc


print(run(3000000))
