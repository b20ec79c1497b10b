# several independent syntax errors; everything else must still parse
print("missing paren"
def after_paren():
    return 1

x = = 1
y = 2

def g(:
    pass

def f():
        a = 1
    b = 2
    return a + b

ok = [1, 2
w = 5
assert w

d = {**a, "k": 1}
z = 4

if z:
    y = 2
        unexpected = 3
    z = 4
last = 5
