# // and % are not implemented for a uint left operand (V10).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = u // 2
    return


@micropython.viper
def aug(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = uint(9)
    x %= u
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = i // 2 + i % u
    return


# --- expect
# 7:9-7:15 error viper-uint-div-mod: ViperTypeError: div/mod not implemented for uint
# 14:5-14:6 error viper-local-type-mismatch: ViperTypeError: local 'x' has type 'uint' but source is 'int'
# 14:5-14:11 error viper-uint-div-mod: ViperTypeError: div/mod not implemented for uint
