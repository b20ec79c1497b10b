# An indented line where no block was opened; the line stays in its block, nothing after it is lost.
x = 1
    y = 2
z = 3

def f():
    a = 1
        b = 2
    return a
# --- expect
# 3:5-3:6 error syntax-unexpected-indent: IndentationError: unexpected indent
# 8:9-8:10 error syntax-unexpected-indent: IndentationError: unexpected indent
