# Creating instances (user classes, bytearray, memoryview) allocates.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)


class Event:
    def __init__(self, t):
        self.t = t


buf = bytearray(4)


def on_tick(t):
    e = Event(t)
    b = bytearray(4)
    m = memoryview(buf)


Timer(-1, period=10, callback=on_tick)
# --- expect
# 17:9-17:17 error isr-alloc-object: creating a Event instance allocates it; in a hard interrupt handler the heap is locked: MemoryError
# 18:9-18:21 error isr-alloc-object: bytearray() creates a new object; in a hard interrupt handler the heap is locked: MemoryError
# 19:9-19:24 error isr-alloc-object: memoryview() creates a new object; in a hard interrupt handler the heap is locked: MemoryError
