# After A = const(...), a keyword argument named A is not a name any more (K6).

from micropython import const

A = const(1)
print(1, A=7)
print(1, B=A)
# --- expect
# 6:10-6:11 error const-keyword-argument: LHS of keyword arg must be an id
