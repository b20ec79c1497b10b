# The argument of NAME = const(...) must be a parse-time constant (K2).

from micropython import const

A = const(len('a'))
B = const(1 / 2)
C = const(1 << -2)
D = const((1, 'a', None))
E = const(2 ** 40 + D[0] if False else 3)
F = const(1 or 2)
G = const(-(1 << 30))
# --- expect
# 5:5-5:20 error const-not-a-constant: not a constant
# 6:5-6:17 error const-not-a-constant: not a constant
# 7:5-7:19 error const-not-a-constant: not a constant
# 9:5-9:42 error const-not-a-constant: not a constant
