# Building strings allocates: concatenation, % formatting, .format, f-strings, str().
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

name = "tick"
n = 0


def on_tick(t):
    a = name + "!"
    b = "%d" % n
    c = "{}".format(n)
    d = f"{n}"
    e = str(n)
    f = "constant"             # a constant: fine


Timer(-1, period=10, callback=on_tick)
# --- expect
# 12:9-12:19 error isr-alloc-string: concatenation builds a new string; in a hard interrupt handler the heap is locked: MemoryError
# 13:9-13:17 error isr-alloc-string: '%' formatting builds a new string; in a hard interrupt handler the heap is locked: MemoryError
# 14:9-14:23 error isr-alloc-string: .format() builds a new string; in a hard interrupt handler the heap is locked: MemoryError
# 15:9-15:15 error isr-alloc-string: an f-string builds a new str (it becomes a .format call); in a hard interrupt handler the heap is locked: MemoryError
# 16:9-16:15 error isr-alloc-string: str() builds a new string; in a hard interrupt handler the heap is locked: MemoryError
