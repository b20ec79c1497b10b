# several independent syntax errors; everything else must still parse
print("missing paren"
after_paren = 1

x = = 1
y = 2
    unexpected = 3
z = 4

def f():
        a = 1
    b = 2
    return a + b

def g(:
    pass

ok = [1, 2
w = 5
