# Only ptr8, ptr16 and ptr32 can be indexed for a load (V3).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = i[0]
    return


@micropython.viper
def bare_ptr(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = p[1]
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = p8[1] + p16[i] + p32[u]
    return


# --- expect
# 7:9-7:10 error viper-cant-load-from: ViperTypeError: can't load from 'int'
# 14:9-14:10 error viper-cant-load-from: ViperTypeError: can't load from 'ptr'
