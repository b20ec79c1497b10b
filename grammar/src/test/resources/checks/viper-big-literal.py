# A literal outside the small-int range is an object in viper code (A.11, a warning).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 0xffffffff
    return x


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = uint(0xffffffff)
    return 123456789012345678901234567890


# --- expect
# 6:9-6:19 warning viper-big-literal: local 'x' becomes an object, not an int: 4294967295 does not fit a small int (31 bits) on this target; write uint(4294967295) or int(...) for a machine word
