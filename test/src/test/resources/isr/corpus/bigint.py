# case: bigint-shift-runtime
def handler(t):
    y = t << 40
# case: bigint-shift-small
def handler(t):
    y = t << 8
# case: bigint-const-load
BIG = const(1 << 40)
def handler(t):
    y = BIG
# case: bigint-folded-expression
def handler(t):
    y = (1 << 29) * 4
# case: bigint-literal-load
def handler(t):
    y = 0x1_0000_0000
# case: bigint-global-plus-one
big = 1 << 40
def handler(t):
    y = big + 1
# case: bigint-global-read
big = 1 << 40
def handler(t):
    y = big
# case: bigint-small-mul
def handler(t):
    y = t * 1000
# case: bigint-runtime-overflow-mul
n = 1 << 29
def handler(t):
    y = n * 4
# case: bigint-just-below-limit
n = (1 << 30) - 8
def handler(t):
    y = n + t
# case: bigint-crossing-limit
n = (1 << 30) - 2
def handler(t):
    y = n + t
# case: bigint-power-runtime
e = 40
def handler(t):
    y = 2 ** e
# case: bigint-array-I-small
import array
a = array.array('I', [5, 6])
def handler(t):
    y = a[0]
# case: bigint-array-I-big
import array
a = array.array('I', [0xFFFF0000, 6])
def handler(t):
    y = a[0]
# case: bigint-array-i-small
import array
a = array.array('i', [5, 6])
def handler(t):
    y = a[1]
# case: bigint-from-bytes-small
b = b'\x01\x02'
def handler(t):
    y = int.from_bytes(b, 'little')
# case: bigint-from-bytes-big
b = b'\xff\xff\xff\xff'
def handler(t):
    y = int.from_bytes(b, 'little')
# case: bigint-bitand-small
def handler(t):
    y = (t * 12345) & 0xFFFF
