# Growing containers allocates when they are full: a warning, it depends on capacity.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

events = []
counts = {"a": 0}


class Counter:
    def __init__(self):
        self.n = 0

    def on_tick(self, t):
        self.n += 1            # an existing attribute: fine
        self.last = t          # a new attribute


def on_tick(t):
    global fresh
    events.append(t)
    counts["a"] = 1            # an existing key: fine
    counts[t] = 1              # maybe a new key
    fresh = 1                  # a global created here


c = Counter()
Timer(-1, period=10, callback=on_tick)
Timer(-1, period=10, callback=c.on_tick)
# --- expect
# 17:9-17:18 warning isr-alloc-grow: adding the new attribute 'last' grows the instance's attribute table, which allocates when it is full; in a hard interrupt handler, where the heap is locked, that is a MemoryError
# 22:5-22:21 warning isr-alloc-grow: .append() grows the list, which allocates when it is full; in a hard interrupt handler, where the heap is locked, that is a MemoryError
# 24:5-24:14 warning isr-alloc-grow: storing a new key grows the dict, which allocates when it is full; in a hard interrupt handler, where the heap is locked, that is a MemoryError
# 25:5-25:10 warning isr-alloc-grow: creating the new global 'fresh' grows the module's dict, which allocates when it is full; create it before enabling the IRQ; in a hard interrupt handler, where the heap is locked, that is a MemoryError
