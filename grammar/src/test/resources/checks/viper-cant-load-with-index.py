# A pointer load needs an int or uint index (V4).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = p8[b]
    return


@micropython.viper
def slice(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = p8[1:2]
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    y = p8[i] + p8[u] + p8[3]
    return


# --- expect
# 7:12-7:13 error viper-cant-load-with-index: ViperTypeError: can't load with 'bool' index
# 14:12-14:13 error viper-native-slice: viper: a slice bound of native type 'int' (in viper a literal or None bound is native) is undefined behaviour: the viper emitter only asserts against it (firmware generates wrong code, mpy-cross aborts)
# 14:12-14:15 error viper-cant-load-with-index: ViperTypeError: can't load with 'object' index
# 14:14-14:15 error viper-native-slice: viper: a slice bound of native type 'int' (in viper a literal or None bound is native) is undefined behaviour: the viper emitter only asserts against it (firmware generates wrong code, mpy-cross aborts)
