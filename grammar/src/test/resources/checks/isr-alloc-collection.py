# Displays and tuples of non-constant items allocate; constant tuples and a, b = b, a swaps do not.
import micropython
import struct
from machine import Pin

micropython.alloc_emergency_exception_buf(100)

buf = bytearray(8)
state = {"n": 0}


def on_edge(pin):
    a = [1, 2]                 # list display
    b = {}                     # dict display, even empty
    c = (1, 2, 3)              # constant tuple: prebuilt
    d = (pin, 1)               # built at run time
    x, y = 1, pin              # swap form: no tuple
    first, *rest = buf         # *rest builds a list
    q = divmod(7, 2)           # a tuple
    v = struct.unpack_from("<H", buf, 0)


Pin("X4", Pin.IN).irq(handler=on_edge, trigger=Pin.IRQ_RISING, hard=True)
# --- expect
# 13:9-13:15 error isr-alloc-collection: a list display builds a new list; in a hard interrupt handler the heap is locked: MemoryError
# 14:9-14:11 error isr-alloc-collection: a dict display builds a new dict (even empty); in a hard interrupt handler the heap is locked: MemoryError
# 16:9-16:17 error isr-alloc-collection: a tuple of non-constant items is built at run time (a tuple of constants would not be); in a hard interrupt handler the heap is locked: MemoryError
# 18:12-18:17 error isr-alloc-collection: '*rest' in an unpacking builds a new list; in a hard interrupt handler the heap is locked: MemoryError
# 19:9-19:21 error isr-alloc-collection: divmod() returns a new tuple; in a hard interrupt handler the heap is locked: MemoryError
# 20:9-20:41 error isr-alloc-collection: struct.unpack_from() returns a new tuple; in a hard interrupt handler the heap is locked: MemoryError
