f(**k, a)
f(a, **k)
# --- expect
# 1:8-1:9 error syntax-positional-after-double-star: positional arg after **
