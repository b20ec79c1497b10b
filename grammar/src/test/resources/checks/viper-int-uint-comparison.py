# int and uint can't be compared (V9); integer literals are int.
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = u < 1
    return


@micropython.viper
def range_uint(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    for k in range(u):
        pass
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = u < uint(1)
    for k in range(uint(0), u):
        pass
    return


# --- expect
# 7:9-7:14 error viper-int-uint-comparison: ViperTypeError: comparison of int and uint
# 14:20-14:21 error viper-int-uint-comparison: ViperTypeError: comparison of int and uint
