f(a=1, b)
f(b, a=1)
f(a=1, *b)
f(a=1, x for x in y)
# --- expect
# 1:8-1:9 error syntax-positional-after-keyword: positional arg after keyword arg
