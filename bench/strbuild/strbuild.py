# String building: the decimal numbers 0 .. 99,999 appended into one string
# of 488,890 characters, in two levels so the copying stays moderate: chunks
# of 250 numbers are built by repeated concatenation, then the chunks are
# appended to the result. Done 20 times; prints the total length.
# (CPython may extend a string in place when nothing else refers to it; that
# is its own optimisation of the same program, not a different algorithm.)


def chunk_string(start, count):
    s = ""
    for i in range(start, start + count):
        s = s + str(i)
    return s


def build_string(pieces, chunk_size):
    acc = ""
    i = 0
    while i < pieces:
        acc = acc + chunk_string(i, chunk_size)
        i += chunk_size
    return acc


def repeat_build(times):
    total = 0
    for _ in range(times):
        total += len(build_string(100000, 250))
    return total


print(repeat_build(20))
