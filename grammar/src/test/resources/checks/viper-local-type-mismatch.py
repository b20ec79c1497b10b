# A local keeps the type of its first store in code order (V2); int and uint, None and object differ.
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    y = []
    x = y
    return


@micropython.viper
def branches(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    if o:
        z = 1
    else:
        z = []
    return


@micropython.viper
def signed(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    w = 1
    w = u
    return


@micropython.viper
def handler(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    try:
        pass
    except Exception as e:
        pass
    return


@micropython.viper
def deleted(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    d = 1
    del d
    return


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    x = i * 2
    n = None
    del n
    return


# --- expect
# 8:5-8:6 error viper-local-type-mismatch: ViperTypeError: local 'x' has type 'int' but source is 'object'
# 17:9-17:10 error viper-local-type-mismatch: ViperTypeError: local 'z' has type 'int' but source is 'object'
# 24:5-24:6 error viper-local-type-mismatch: ViperTypeError: local 'w' has type 'int' but source is 'uint'
# 32:25-32:26 error viper-local-type-mismatch: ViperTypeError: local 'e' has type 'object' but source is 'None'
# 40:9-40:10 error viper-local-type-mismatch: ViperTypeError: local 'd' has type 'int' but source is 'None'
