a = "no end
b = 'fine'
c = """also
fine"""
# --- expect
# 1:5-1:12 error syntax-unterminated-string: invalid syntax
