# The returned type must be the declared one, object by default (V15).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    return x


@micropython.viper
def declared(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32) -> int:
    x = 1
    return []


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32) -> int:
    x = 1
    return x


@micropython.viper
def none_is_fine(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32) -> ptr8:
    x = 1
    return None


# --- expect
# 7:12-7:13 error viper-return-type: ViperTypeError: return expected 'object' but got 'int'
# 13:12-13:14 error viper-return-type: ViperTypeError: return expected 'int' but got 'object'
