# Grammar errors: MicroPython says "invalid syntax" for all of them; each is reported, the rest still parses.
def f(:
    pass

x = = 1
print(1 2)
match x:
    case 1: pass
ok = 1
# --- expect
# 2:7-2:8 error syntax-invalid: invalid syntax
# 5:5-5:6 error syntax-invalid: invalid syntax
# 6:9-6:10 error syntax-invalid: invalid syntax
# 7:7-7:8 error syntax-invalid: invalid syntax
# 7:8-7:9 error syntax-invalid: invalid syntax
# 8:5-8:9 error syntax-unexpected-indent: IndentationError: unexpected indent
