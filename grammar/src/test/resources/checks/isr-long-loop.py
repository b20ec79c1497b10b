# Loops that can run long in a hard handler: warnings. A short constant range is fine.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

buf = bytearray(1000)
n = 0


def on_tick(t):
    for i in range(8):
        buf[i] = 0
    for i in range(len(buf)):
        buf[i] = 0
    while n < 10:
        pass


Timer(-1, period=10, callback=on_tick)
# --- expect
# 14:5-14:8 warning isr-long-loop: a loop of an unknown number of iterations in a hard handler keeps interrupts blocked
# 16:5-16:10 warning isr-long-loop: a while loop in a hard handler can run for long with interrupts blocked
