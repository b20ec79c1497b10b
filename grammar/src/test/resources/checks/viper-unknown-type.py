# Viper parameter and return annotations must name a viper type (V0).
import micropython

@micropython.viper
def f(x: foo): return x


@micropython.viper
def near_miss(x: int, y: uint, z: bool, w: ptr8, q: object) -> int:
    return x


@micropython.viper
def g(x) -> integer: return None


@micropython.native
def native_ok(x: foo) -> bar:
    return x
# --- expect
# 5:10-5:13 error viper-unknown-type: ViperTypeError: unknown type 'foo'
# 14:13-14:20 error viper-unknown-type: ViperTypeError: unknown type 'integer'
