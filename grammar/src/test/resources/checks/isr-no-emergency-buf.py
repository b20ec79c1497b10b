# A hard handler, and no micropython.alloc_emergency_exception_buf() anywhere in the program.
from machine import Timer


def on_tick(t):
    pass


Timer(-1, period=10, callback=on_tick)
# --- expect
# 9:1-9:39 warning isr-no-emergency-buf: a hard IRQ handler is registered, but the program never calls micropython.alloc_emergency_exception_buf(): an exception in the handler loses its message and traceback
