# MicroPython has no positional-only parameters (stubs may use them; MicroPython code may not)
def f(a, /, b):
    return a + b


def g(a, b):
    return a + b
# --- expect
# 2:10-2:11 error syntax-positional-only: invalid syntax
