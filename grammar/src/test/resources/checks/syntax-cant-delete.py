a = b = [1]
del f()
del ()
del [a]
del a, (b,), a[0], a.x
del 1
# --- expect
# 2:5-2:8 error syntax-cant-delete: can't delete expression
# 3:5-3:7 error syntax-cant-delete: can't delete expression
# 4:5-4:8 error syntax-cant-delete: can't delete expression
# 6:5-6:6 error syntax-cant-delete: can't delete expression
