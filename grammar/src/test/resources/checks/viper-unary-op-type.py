# Unary operators on bool, pointers or None (V14).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = -p
    return


@micropython.viper
def not_bool(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = not b
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = -i
    z = ~u
    w = not o
    return


# --- expect
# 7:9-7:11 error viper-unary-op-type: ViperTypeError: can't do unary op of 'ptr'
# 14:9-14:14 error viper-unary-op-type: ViperTypeError: can't do unary op of 'bool'
