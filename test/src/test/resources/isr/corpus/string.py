# case: str-concat
s = "a"
def handler(t):
    x = s + "b"
# case: str-percent
def handler(t):
    x = "%d" % t
# case: str-format
def handler(t):
    x = "{}".format(t)
# case: fstring
def handler(t):
    x = f"{t}"
# case: str-of-int
def handler(t):
    x = str(t)
# case: hex
def handler(t):
    x = hex(t)
# case: bytes-of-int
def handler(t):
    x = bytes(t)
# case: bytes-of-bytearray
ba = bytearray(2)
def handler(t):
    x = bytes(ba)
# case: decode
b = b"ab"
def handler(t):
    x = b.decode()
# case: str-literal
def handler(t):
    x = "constant"
# case: str-compare
s = "a"
def handler(t):
    x = s == "a"
# case: str-len
s = "abc"
def handler(t):
    x = len(s)
# case: str-index
s = "abc"
def handler(t):
    x = s[1]
# case: bytes-index
b = b"abc"
def handler(t):
    x = b[1]
# case: ord
def handler(t):
    x = ord("a")
# case: chr-ascii
def handler(t):
    x = chr(65)
# case: str-join
l = ["a", "b"]
def handler(t):
    x = ",".join(l)
# case: bytes-concat
b = b"a"
def handler(t):
    x = b + b"b"
