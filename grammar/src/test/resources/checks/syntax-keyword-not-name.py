f(1=2)
f(a.b=3)
f(a=3)
# --- expect
# 1:3-1:4 error syntax-keyword-not-name: LHS of keyword arg must be an id
# 2:3-2:6 error syntax-keyword-not-name: LHS of keyword arg must be an id
