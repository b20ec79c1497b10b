*a, *b = range(4)
a, *b = range(4)
for x, *y, *z in []:
    pass
# --- expect
# 1:5-1:7 error syntax-multiple-starred: multiple *x in assignment
# 3:12-3:14 error syntax-multiple-starred: multiple *x in assignment
