# def and lambda inside a handler create function objects each time.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)


def on_tick(t):
    def helper():
        return 1
    f = lambda: 2


Timer(-1, period=10, callback=on_tick)
# --- expect
# 9:5-11:5 error isr-alloc-function: a nested def creates a new function object each time; in a hard interrupt handler the heap is locked: MemoryError
# 11:9-11:18 error isr-alloc-function: a lambda creates a new function object each time; in a hard interrupt handler the heap is locked: MemoryError
