# Float arithmetic allocates on REPR_A boards: reported in hard handlers only.
import array
import micropython
from machine import Pin, Timer

micropython.alloc_emergency_exception_buf(100)

SCALE = 2.5
samples = array.array('f', [0.0] * 4)
total = 0


def on_tick(t):
    global total
    x = total * SCALE          # float arithmetic: allocates
    y = 1.5                    # a float literal is a constant: fine
    z = total / 2              # '/' always gives a float
    samples[0] = 0.5           # storing into array('f'): fine
    w = samples[1]             # reading array('f'): a new float
    total = int(y)             # int(): fine
    total += float(total)      # float() allocates


def soft(p):
    return p.value() * 0.5     # soft handler: may allocate


tim = Timer(-1, period=100, callback=on_tick)
Pin("X4").irq(soft)
# --- expect
# 15:9-15:22 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
# 17:9-17:18 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
# 19:9-19:19 error isr-alloc-float: reading an array('f') element creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
# 21:5-21:26 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
# 21:14-21:26 error isr-alloc-float: float() creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
