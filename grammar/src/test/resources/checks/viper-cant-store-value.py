# Only bool, int and uint values can be stored through a pointer (V7).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    p8[0] = None
    return


@micropython.viper
def pointer(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    p8[i] = p16
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    p8[0] = True
    p8[i] = uint(p16)
    return


# --- expect
# 7:13-7:17 error viper-cant-store-value: ViperTypeError: can't store 'None'
# 14:13-14:16 error viper-cant-store-value: ViperTypeError: can't store 'ptr16'
