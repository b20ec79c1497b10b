# raise needs an object (V16).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    raise 1


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    raise ValueError(i)


# --- expect
# 7:11-7:12 error viper-must-raise-object: ViperTypeError: must raise an object
