# Integers beyond the board's small-int range (31 bits here) are heap objects.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

BIG = const(1 << 40)           # a constant folded by the parser: loading it is fine
big = 1 << 40                  # a big int object in a global
count = 5


def on_tick(t):
    a = BIG                    # constant: fine
    b = count << 40            # computed at run time, beyond 2**30: a big int
    c = big + 1                # arithmetic on a big int: allocates
    e = BIG + 1                # folded by the parser (BIG is const): a constant
    d = count * 1000           # small: fine


Timer(-1, period=10, callback=on_tick)
# --- expect
# 14:9-14:20 error isr-alloc-bigint: the result is a big int (outside the 31-bit small-int range), a heap object; in a hard interrupt handler the heap is locked: MemoryError
# 15:9-15:16 error isr-alloc-bigint: the result is a big int (outside the 31-bit small-int range), a heap object; in a hard interrupt handler the heap is locked: MemoryError
