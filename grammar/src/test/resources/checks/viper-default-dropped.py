# Viper drops default values: a call without the argument raises TypeError (A4.2, a warning).
import micropython

@micropython.viper
def f(a, b=3):
    return a


@micropython.native
def native_ok(a, b=3):
    return a
# --- expect
# 5:12-5:13 warning viper-default-dropped: viper functions ignore default values: a call without 'b' raises TypeError (the function takes exactly 2 positional arguments)
