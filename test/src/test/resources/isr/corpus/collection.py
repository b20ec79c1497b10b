# case: list-display
def handler(t):
    x = [t, 1]
# case: list-display-empty
def handler(t):
    x = []
# case: dict-display
def handler(t):
    x = {1: t}
# case: dict-display-empty
def handler(t):
    x = {}
# case: set-display
def handler(t):
    x = {t, 1}
# case: tuple-of-constants
def handler(t):
    x = (1, 2, 3)
# case: tuple-of-constant-strings
def handler(t):
    x = ("a", b"b", None)
# case: tuple-of-variables
def handler(t):
    x = (t, 1)
# case: tuple-of-const-names
A = const(1)
B = const(2)
def handler(t):
    x = (A, B)
# case: return-tuple-of-variables
def f(a):
    return a, a
def handler(t):
    f(t)
# case: swap-two
a = 1
b = 2
def handler(t):
    global a, b
    a, b = b, a
# case: unpack-three-values
def handler(t):
    x, y, z = t, 1, 2
# case: unpack-four-values
def handler(t):
    w, x, y, z = t, 1, 2, 3
# case: in-list-display
def handler(t):
    return t in [1, 2]
# case: in-tuple-of-constants
def handler(t):
    return t in (1, 2)
# case: starred-unpack
seq = (1, 2, 3)
def handler(t):
    a, *b = seq
# case: plain-unpack
seq = (1, 2, 3)
def handler(t):
    a, b, c = seq
# case: divmod
def handler(t):
    q = divmod(t, 2)
# case: struct-unpack-from
import struct
buf = bytearray(4)
def handler(t):
    v = struct.unpack_from('<H', buf, 0)
# case: struct-pack-into
import struct
buf = bytearray(4)
def handler(t):
    struct.pack_into('<H', buf, 0, t)
# case: list-concatenation
l = [1]
def handler(t):
    x = l + l
# case: tuple-constructor
l = [1]
def handler(t):
    x = tuple(l)
# case: list-copy
l = [1, 2]
def handler(t):
    x = l.copy()
