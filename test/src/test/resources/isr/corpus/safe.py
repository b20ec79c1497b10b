# case: int-arithmetic
def handler(t):
    x = (t + 3) * 2 - 1
# case: bitwise
def handler(t):
    x = (t << 3) | (t & 7) ^ 1
# case: floor-div-and-mod
def handler(t):
    x = t // 3 + t % 3
# case: comparisons-and-logic
def handler(t):
    x = t > 1 and not t == 3 or t is None
# case: conditional-expression
def handler(t):
    x = 1 if t else 2
# case: global-increment
count = 0
def handler(t):
    global count
    count += 1
# case: attribute-increment
class C:
    def __init__(self):
        self.n = 0
c = C()
def handler(t):
    c.n += 1
# case: if-elif
def handler(t):
    if t == 1:
        x = 1
    elif t == 2:
        x = 2
    else:
        x = 3
