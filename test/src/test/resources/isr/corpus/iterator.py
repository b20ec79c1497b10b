# case: for-range
buf = bytearray(8)
def handler(t):
    for i in range(8):
        buf[i] = i
# case: for-range-start-stop
buf = bytearray(8)
def handler(t):
    for i in range(2, 6):
        buf[i] = i
# case: for-range-constant-step
buf = bytearray(8)
def handler(t):
    for i in range(0, 8, 2):
        buf[i] = i
# case: for-range-variable-step
buf = bytearray(8)
step = 2
def handler(t):
    for i in range(0, 8, step):
        buf[i] = i
# case: range-object
def handler(t):
    r = range(4)
# case: range-object-len
def handler(t):
    n = len(range(4))
# case: for-over-list
l = [1, 2, 3]
def handler(t):
    s = 0
    for x in l:
        s += x
# case: for-over-tuple
tu = (1, 2, 3)
def handler(t):
    for x in tu:
        pass
# case: for-over-bytes
def handler(t):
    for x in b"abc":
        pass
# case: for-over-bytearray
ba = bytearray(3)
def handler(t):
    for x in ba:
        pass
# case: for-over-dict
d = {1: 2}
def handler(t):
    for k in d:
        pass
# case: for-over-dict-items
d = {1: 2}
def handler(t):
    for k, v in d.items():
        pass
# case: list-comprehension
ba = bytearray(3)
def handler(t):
    x = [b for b in ba]
# case: generator-expression
ba = bytearray(3)
def handler(t):
    x = sum(b for b in ba)
# case: generator-call
def gen():
    yield 1
def handler(t):
    g = gen()
# case: enumerate
ba = bytearray(3)
def handler(t):
    for i, b in enumerate(ba):
        pass
# case: zip
ba = bytearray(3)
def handler(t):
    for a, b in zip(ba, ba):
        pass
# case: iter-call
l = [1]
def handler(t):
    it = iter(l)
# case: while-counter
def handler(t):
    i = 0
    while i < 5:
        i += 1
