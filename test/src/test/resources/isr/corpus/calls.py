# case: instance-creation
class C:
    pass
def handler(t):
    c = C()
# case: bytearray-constructor
def handler(t):
    b = bytearray(4)
# case: memoryview-constructor
ba = bytearray(4)
def handler(t):
    m = memoryview(ba)
# case: len-isinstance
l = [1]
def handler(t):
    x = len(l) + isinstance(t, int)
# case: min-max-abs-ints
def handler(t):
    x = min(t, 3) + max(t, 1) + abs(-t)
# case: getattr-attribute
class C:
    v = 1
c = C()
def handler(t):
    x = getattr(c, "v")
# case: hasattr
class C:
    v = 1
c = C()
def handler(t):
    x = hasattr(c, "v")
# case: sorted
l = [2, 1]
def handler(t):
    x = sorted(l)
# case: list-constructor
def handler(t):
    x = list()
