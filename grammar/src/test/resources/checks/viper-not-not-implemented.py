# 'not' on an int used as a value (V13); as a condition it is fine.
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = not i
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    if not i:
        pass
    return


# --- expect
# 7:9-7:14 error viper-not-not-implemented: ViperTypeError: 'not' not implemented
