# case: bytearray-slice
ba = bytearray(8)
def handler(t):
    x = ba[0:2]
# case: memoryview-slice
mv = memoryview(bytearray(8))
def handler(t):
    x = mv[1:3]
# case: tuple-slice
tu = (1, 2, 3)
def handler(t):
    x = tu[1:]
# case: slice-assignment
ba = bytearray(8)
def handler(t):
    ba[0:2] = b"xy"
# case: bytearray-item-read
ba = bytearray(8)
def handler(t):
    x = ba[3]
# case: memoryview-item-write
mv = memoryview(bytearray(8))
def handler(t):
    mv[2] = t
# case: bytearray-item-augment
ba = bytearray(8)
def handler(t):
    ba[1] += 1
# case: prebuilt-memoryview-slice-read
part = memoryview(bytearray(8))[2:6]
def handler(t):
    x = part[0]
# case: str-slice
s = "abcdef"
def handler(t):
    x = s[1:3]
