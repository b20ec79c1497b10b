# *args/**kw in calls, and calling a function that collects them, allocate.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

args = (1, 2)


def many(*a):
    return 0


def keywords(**kw):
    return 0


def on_tick(t):
    many()                     # an empty *args is the constant empty tuple: fine
    many(1)                    # builds the *args tuple
    keywords()                 # builds the **kw dict
    many(*args)                # a *seq call


Timer(-1, period=10, callback=on_tick)
# --- expect
# 20:5-20:12 error isr-alloc-star-args: calling many() with extra positional arguments builds its *args tuple; in a hard interrupt handler the heap is locked: MemoryError
# 21:5-21:15 error isr-alloc-star-args: calling keywords() builds its **kwargs dict; in a hard interrupt handler the heap is locked: MemoryError
# 22:10-22:15 error isr-alloc-star-args: '*args' in a call builds a new tuple; in a hard interrupt handler the heap is locked: MemoryError
