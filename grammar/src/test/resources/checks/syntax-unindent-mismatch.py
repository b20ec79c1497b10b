def f():
        a = 1
    b = 2
    return a + b

if True:
    c = 1
  d = 2
# --- expect
# 3:5-3:6 error syntax-unindent-mismatch: IndentationError: unindent doesn't match any outer indent level
# 8:3-8:4 error syntax-unindent-mismatch: IndentationError: unindent doesn't match any outer indent level
