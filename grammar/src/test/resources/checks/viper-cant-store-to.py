# Only ptr8, ptr16 and ptr32 can be stored through (V5).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    i[0] = 1
    return


@micropython.viper
def bare_ptr(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    p[1] = 1
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    p8[0] = 1
    p16[i] = u
    p32[u] = b
    return


# --- expect
# 7:5-7:6 error viper-cant-store-to: ViperTypeError: can't store to 'int'
# 14:5-14:6 error viper-cant-store-to: ViperTypeError: can't store to 'ptr'
