def f(a=1, b):
    pass


def g(a=1, *, b):
    pass


h = lambda a=1, b: 0
# --- expect
# 1:12-1:13 error syntax-non-default-after-default: non-default argument follows default argument
# 9:17-9:18 error syntax-non-default-after-default: non-default argument follows default argument
