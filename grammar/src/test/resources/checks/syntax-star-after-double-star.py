f(**k, *a)
f(*a, **k)
# --- expect
# 1:8-1:10 error syntax-star-after-double-star: * arg after **
