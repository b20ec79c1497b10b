# A parameter named like an earlier constant is replaced by the constant in the body (K6, a warning).

from micropython import const

A = const(1)


def f(A):
    return A


def unused(A):
    pass
# --- expect
# 8:7-8:8 warning const-shadowed-parameter: parameter 'A' is shadowed by the constant declared on line 5: MicroPython replaces 'A' by the constant's value everywhere after the declaration, including in this function's body
