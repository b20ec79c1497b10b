def f(**k, a):
    pass


def g(*, *a):
    pass


def h(*): pass
# --- expect
# 1:12-1:13 error syntax-parameter-order: invalid syntax
# 5:10-5:12 error syntax-parameter-order: invalid syntax
