def f(a, a):
    pass


def g(a, *a):
    pass


h = lambda x, x: x
# --- expect
# 1:10-1:11 error syntax-argument-name-reused: argument name reused
# 5:10-5:12 error syntax-argument-name-reused: argument name reused
# 9:15-9:16 error syntax-argument-name-reused: argument name reused
