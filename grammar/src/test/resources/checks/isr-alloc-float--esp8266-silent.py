# board: esp8266
# esp8266 stores floats in the object word (REPR_C): float arithmetic does not allocate there, and Pin.irq
# handlers are always soft. pyb.Timer does not exist; nothing here is hard.
import micropython
from machine import Pin

micropython.alloc_emergency_exception_buf(100)


def on_edge(p):
    return p.value() * 2.5


Pin(4).irq(on_edge)
# --- expect
