# board: rp2-pico
# rp2: Pin.irq(hard=True) runs in the interrupt; machine.Timer callbacks are scheduled (soft).
import micropython
from machine import Pin, Timer

micropython.alloc_emergency_exception_buf(100)

level = 3


def on_edge(p):
    return level * 0.5


def on_tick(t):
    return level * 0.5


Pin(2, Pin.IN).irq(on_edge, Pin.IRQ_RISING, hard=True)
Timer(period=100, callback=on_tick)
# --- expect
# 12:12-12:23 error isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the heap is locked: MemoryError
