# Any slice creates a slice object (and a copy, or a new memoryview).
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

buf = bytearray(16)
view = memoryview(buf)


def on_tick(t):
    head = buf[0:4]
    part = view[2:6]
    buf[0:2] = b"xy"
    x = buf[3]                 # an item: fine


Timer(-1, period=10, callback=on_tick)
# --- expect
# 12:12-12:20 error isr-alloc-slice: slicing creates a slice object (and a copy of the data when reading); in a hard interrupt handler the heap is locked: MemoryError
# 13:12-13:21 error isr-alloc-slice: slicing creates a slice object and a new memoryview; in a hard interrupt handler the heap is locked: MemoryError
# 14:5-14:13 error isr-alloc-slice: slicing creates a slice object (and a copy of the data when reading); in a hard interrupt handler the heap is locked: MemoryError
