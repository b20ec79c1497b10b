a = 0777
b = 1if a else 2
c = 0x1f + 0o17 + 0b101 + 1_000 + 1e-3 + 2.5j + 0x1e+1
d = 0b102
e = 1e
# --- expect
# 1:5-1:9 error syntax-invalid-number: invalid syntax for integer with base 0: '0777'
# 2:5-2:8 error syntax-invalid-number: invalid syntax for integer with base 10: '1if'
# 2:9-2:10 error syntax-invalid: invalid syntax
# 2:11-2:15 error syntax-invalid: invalid syntax
# 4:5-4:10 error syntax-invalid-number: invalid syntax for integer with base 2: '102'
# 5:5-5:7 error syntax-invalid-number: invalid syntax for number
