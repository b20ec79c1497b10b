# A call into code that allocates is reported at the call site, naming the allocation; the allocation itself is
# reported where it is. Handlers: aliases, nested functions, lambdas.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

value = 3


def scale():
    return value * 0.5


def middle():
    return scale()


def fine():
    return value + 1


def on_tick(t):
    middle()
    fine()


handler = on_tick
Timer(-1, period=10, callback=handler)
Timer(-1, period=10, callback=lambda t: scale())
# --- expect
# 12:12-12:23 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
# 16:12-16:19 error isr-alloc-call: calls scale(), which allocates: float arithmetic creates a new float object (line 12); in a hard interrupt handler the heap is locked: MemoryError
# 24:5-24:13 error isr-alloc-call: calls middle(), which allocates: float arithmetic creates a new float object (line 12); in a hard interrupt handler the heap is locked: MemoryError
# 30:41-30:48 error isr-alloc-call: calls scale(), which allocates: float arithmetic creates a new float object (line 12); in a hard interrupt handler the heap is locked: MemoryError
