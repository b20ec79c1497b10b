# After A = const(...), every later atom A is the value: assigning to it fails (K6).

from micropython import const

A = const(1)
A = 2

for A in range(3):
    pass

def f():
    A = 3


B = A.x if False else A
# --- expect
# 6:1-6:2 error const-reassigned: can't assign to expression
# 8:5-8:6 error const-reassigned: can't assign to expression
# 12:5-12:6 error const-reassigned: can't assign to expression
