# A cast of a cast name (N3).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = int(int)
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = int(o)
    return


# --- expect
# 7:9-7:17 error viper-casting: NotImplementedError: casting
