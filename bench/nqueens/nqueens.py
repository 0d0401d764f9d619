# N-queens with lists: counts the solutions for a 12x12 board, placing one
# queen per column from a list of remaining rows. Lists are cons cells
# (head, tail) with None as the empty list, as in the Lisp version.


def append(a, b):
    """A fresh copy of list a followed by list b, like Scheme's append."""
    if a is None:
        return b
    return (a[0], append(a[1], b))


def ok(row, dist, placed):
    while placed is not None:
        queen = placed[0]
        if queen == row + dist or queen == row - dist:
            return False
        dist += 1
        placed = placed[1]
    return True


def try_rows(candidates, rejected, placed):
    """candidates: rows not yet tried in this column; rejected: rows tried
    and put aside; placed: the rows of the queens already on the board."""
    if candidates is None:
        return 1 if rejected is None else 0
    row = candidates[0]
    count = 0
    if ok(row, 1, placed):
        count = try_rows(append(candidates[1], rejected), None, (row, placed))
    return count + try_rows(candidates[1], (row, rejected), placed)


def rows_from_1(n):
    acc = None
    for i in range(n, 0, -1):
        acc = (i, acc)
    return acc


def queens(n):
    return try_rows(rows_from_1(n), None, None)


print(queens(12))
