# case: float-literal-load
def handler(t):
    x = 1.5
# case: float-literal-compare
def handler(t):
    return t < 2.5
# case: float-mul-literal
def handler(t):
    y = t * 2.0
# case: float-global-add
f = 1.25
def handler(t):
    y = f + 1
# case: float-global-read
f = 1.25
def handler(t):
    y = f
# case: float-int-of-float
f = 2.75
def handler(t):
    y = int(f)
# case: float-true-division-ints
def handler(t):
    y = t / 2
# case: float-floor-division-ints
def handler(t):
    y = t // 2
# case: float-constructor
def handler(t):
    y = float(t)
# case: float-array-read
import array
a = array.array('f', [1.5, 2.5])
def handler(t):
    y = a[0]
# case: float-array-store-literal
import array
a = array.array('f', [1.5, 2.5])
def handler(t):
    a[1] = 0.5
# case: float-array-store-int
import array
a = array.array('f', [1.5, 2.5])
def handler(t):
    a[1] = t
# case: float-negate-variable
f = 1.5
def handler(t):
    y = -f
# case: float-augmented-global
f = 0.0
def handler(t):
    global f
    f += 1.0
# case: float-math-sqrt
import math
def handler(t):
    y = math.sqrt(t)
# case: float-math-floor-of-literal
import math
def handler(t):
    y = math.floor(2.5)
# case: float-abs
f = -1.5
def handler(t):
    y = abs(f)
# case: float-round-to-int
f = 2.5
def handler(t):
    y = round(f)
# case: float-attribute-scale
class S:
    def __init__(self):
        self.scale = 0.5
s = S()
def handler(t):
    y = s.scale * t
# case: float-attribute-read
class S:
    def __init__(self):
        self.scale = 0.5
s = S()
def handler(t):
    y = s.scale
# case: float-compare-variables
f = 1.5
g = 2.5
def handler(t):
    y = f < g
# case: float-local-arith
def handler(t):
    x = 1.5
    y = x * x
