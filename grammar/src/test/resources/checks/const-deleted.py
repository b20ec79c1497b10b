# After A = const(...), 'del A' deletes a constant (K6).

from micropython import const

A = const(1)
del A
# --- expect
# 6:5-6:6 error const-deleted: can't delete expression
