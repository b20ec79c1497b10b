# / ** @ in not-in is is-not have no viper implementation for ints (V11).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = i / 2
    return


@micropython.viper
def power(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = i ** 2
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = 2 ** 3
    z = o / 2
    return


# --- expect
# 7:9-7:14 error viper-binary-op-not-implemented: ViperTypeError: binary op  not implemented
# 14:9-14:15 error viper-binary-op-not-implemented: ViperTypeError: binary op  not implemented
# 21:9-21:14 error viper-binary-op-types: ViperTypeError: can't do binary op between 'object' and 'int'
