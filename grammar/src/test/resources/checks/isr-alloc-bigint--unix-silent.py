# board: unix
# unix x64 has 63-bit small ints, and no hard handlers: nothing is reported.
import micropython

count = 5


def handler(arg):
    return count << 40


micropython.schedule(handler, 0)
# --- expect
