# List allocation: builds a list of 1,000,000 integers, maps it, reverses it
# and folds it to a sum, three times. Lists are cons cells [head, tail] with
# None as the empty list, and map, reverse and fold are written out the way a
# Lisp runtime implements them, so every cell is a separate allocation.


def build_list(n):
    acc = None
    for i in range(n - 1, -1, -1):
        acc = [i, acc]
    return acc


def map_list(f, lst):
    """Builds the result front to back by appending to the last cell."""
    if lst is None:
        return None
    head = [f(lst[0]), None]
    last = head
    lst = lst[1]
    while lst is not None:
        cell = [f(lst[0]), None]
        last[1] = cell
        last = cell
        lst = lst[1]
    return head


def reverse(lst):
    acc = None
    while lst is not None:
        acc = [lst[0], acc]
        lst = lst[1]
    return acc


def fold(f, acc, lst):
    while lst is not None:
        acc = f(acc, lst[0])
        lst = lst[1]
    return acc


def round_trip(n):
    numbers = build_list(n)
    doubled = map_list(lambda x: x * 2, numbers)
    backwards = reverse(doubled)
    return fold(lambda acc, x: acc + x, 0, backwards)


def repeat_round_trip(times, n):
    total = 0
    for _ in range(times):
        total += round_trip(n)
    return total


print(repeat_round_trip(3, 1000000))
