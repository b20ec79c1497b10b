# board: pyboard
# pyb.Timer callbacks are always hard on stm32; machine.Timer callbacks are soft there.
import micropython
import pyb
import machine

micropython.alloc_emergency_exception_buf(100)

level = 0


def tick(t):
    return level * 0.5


def soft_tick(t):
    return level * 0.5


pyb.Timer(4, freq=10, callback=tick)
machine.Timer(-1, period=100, callback=soft_tick)
# --- expect
# 13:12-13:23 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
