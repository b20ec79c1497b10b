# case: list-append-empty
l = []
def handler(t):
    l.append(t)
# case: dict-new-key-empty
d = {}
def handler(t):
    d[t] = 1
# case: dict-existing-key
d = {7: 0}
def handler(t):
    d[7] = 1
# case: list-item-store
l = [0, 0]
def handler(t):
    l[1] = t
# case: existing-global-store
g = 0
def handler(t):
    global g
    g = t
# case: existing-attribute-store
class C:
    def __init__(self):
        self.n = 0
c = C()
def handler(t):
    c.n = t
# case: bytearray-extend
ba = bytearray()
def handler(t):
    ba.extend(b"ab")
