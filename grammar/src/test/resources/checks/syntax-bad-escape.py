a = "\x4"
b = "\u12"
c = "\U00110000"
d = "\x41\u0041\U00000041"
e = b"\u12"
f = r"\x4"
# --- expect
# 1:5-1:10 error syntax-unterminated-string: invalid syntax
# 1:6-1:8 error syntax-bad-escape: invalid syntax
# 2:5-2:11 error syntax-unterminated-string: invalid syntax
# 2:6-2:8 error syntax-bad-escape: invalid syntax
# 3:6-3:8 error syntax-bad-escape: invalid syntax
