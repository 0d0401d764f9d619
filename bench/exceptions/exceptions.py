# Exceptions: 1,000,000 raise-and-catch round trips, each raised at the bottom
# of 10 non-tail calls below the handler (an instance of a custom exception
# class carrying the integer, caught by try/except); every 7th call returns
# normally instead, so the no-raise path of try is timed too.


class Raised(Exception):
    def __init__(self, value):
        self.value = value


def deep(n, i):
    if n == 0:
        if i % 7 == 0:
            return i
        raise Raised(i)
    return 1 + deep(n - 1, i)


def run(count):
    acc = 0
    for i in range(count):
        try:
            acc += deep(10, i)
        except Raised as e:
            acc += e.value
    return acc


print(run(1000000))
