# Mandelbrot set: float arithmetic in a tight loop. Counts the points of a
# 1000x1000 grid over [-1.5, 0.5] x [-1, 1] that stay bounded for 50 iterations.
MAX_ITERATIONS = 50


def in_set(cr, ci):
    zr = 0.0
    zi = 0.0
    for _ in range(MAX_ITERATIONS):
        if zr * zr + zi * zi > 4.0:
            return False
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    return True


def count_points(size):
    count = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            if in_set(cr, ci):
                count += 1
    return count


print(count_points(1000))
