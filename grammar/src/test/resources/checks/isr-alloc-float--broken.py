# A file that does not compile still gets its interrupt-handler findings (and its syntax error).
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

level = 3


def on_tick(t):
    return level * 0.5


Timer(-1, period=10, callback=on_tick)

def broken(:
    pass
# --- expect
# 11:12-11:23 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
# 16:12-16:13 error syntax-invalid: invalid syntax
