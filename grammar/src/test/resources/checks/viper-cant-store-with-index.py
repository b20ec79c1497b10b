# A pointer store needs an int or uint index (V6).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    p32[o] = 1
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    p32[i] = 1
    return


# --- expect
# 7:9-7:10 error viper-cant-store-with-index: ViperTypeError: can't store with 'object' index
