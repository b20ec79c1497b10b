# A condition must be an object, bool, int or uint (V8).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = ptr(0)
    if x:
        pass
    return


@micropython.viper
def none(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    while None or p8:
        pass
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    if i and u and b and o:
        pass
    return


# --- expect
# 7:8-7:9 error viper-cant-convert-to-bool: ViperTypeError: can't implicitly convert 'ptr' to 'bool'
# 15:19-15:21 error viper-cant-convert-to-bool: ViperTypeError: can't implicitly convert 'ptr8' to 'bool'
