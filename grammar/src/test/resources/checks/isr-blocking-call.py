# print and sleeping in a hard handler: warnings.
import micropython
import time
from machine import Timer

micropython.alloc_emergency_exception_buf(100)


def on_tick(t):
    print("tick")
    time.sleep_ms(1)


Timer(-1, period=10, callback=on_tick)
# --- expect
# 10:5-10:18 warning isr-blocking-call: print() does I/O and can block in a hard handler: keep hard handlers short and hand the work to micropython.schedule()
# 11:5-11:21 warning isr-blocking-call: time.sleep_ms() waits in a hard handler, with interrupts blocked: keep hard handlers short and hand the work to micropython.schedule()
