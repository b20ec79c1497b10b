# Any other mix of operand types (V12), e.g. an object with a native int, or None.
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = 1 + []
    return


@micropython.viper
def is_none(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = o is None
    return


@micropython.viper
def big_literal(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = i & 0xffffffff
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = i & uint(0xffffffff)
    z = o == 'a'
    return


# --- expect
# 7:9-7:15 error viper-binary-op-types: ViperTypeError: can't do binary op between 'int' and 'object'
# 14:9-14:18 error viper-binary-op-types: ViperTypeError: can't do binary op between 'object' and 'None'
# 21:9-21:23 error viper-binary-op-types: ViperTypeError: can't do binary op between 'int' and 'object'
