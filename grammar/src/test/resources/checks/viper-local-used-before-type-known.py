# A local read before its first store in code order (V1), including every local captured by a closure.
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    print(x)
    x = 1
    return


@micropython.viper
def loop(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    for k in o:
        if k:
            print(y)
        y = 1
    return


@micropython.viper
def closure(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    k = 2
    return [j * k for j in o]


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    print(x)
    return


# --- expect
# 6:11-6:12 error viper-local-used-before-type-known: ViperTypeError: local 'x' used before type known
# 15:19-15:20 error viper-local-used-before-type-known: ViperTypeError: local 'y' used before type known
# 22:5-22:6 error viper-local-used-before-type-known: ViperTypeError: local 'k' used before type known
# 23:12-23:30 error viper-local-used-before-type-known: ViperTypeError: local 'k' used before type known
