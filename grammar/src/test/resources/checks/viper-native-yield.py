# Generators, including generator expressions, are not viper code (N1).
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    yield x


@micropython.native
def native_ok(o):
    yield o
# --- expect
# 7:5-7:12 error viper-native-yield: NotImplementedError: native yield
