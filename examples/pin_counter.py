# Pin interrupt counter.
#
# Counts rising edges on input pin X4 (on the emulated board a pulse generator drives it). The hard-IRQ handler
# only increments integers; reporting happens in a scheduled soft callback and in the main loop.
import time

import micropython
from machine import Pin

micropython.alloc_emergency_exception_buf(100)


class EdgeCounter:
    def __init__(self, pin_name):
        self.count = 0
        self.last_report = 0
        self._report_ref = self.report  # bound once here: creating it in the IRQ would allocate
        self.pin = Pin(pin_name, Pin.IN)
        self.pin.irq(handler=self.on_edge, trigger=Pin.IRQ_RISING, hard=True)

    def on_edge(self, pin):
        self.count += 1
        if self.count % 1000 == 0:
            micropython.schedule(self._report_ref, self.count)

    def report(self, count):
        now = time.ticks_ms()
        elapsed = time.ticks_diff(now, self.last_report)
        self.last_report = now
        print("edges:", count, "in", elapsed, "ms")


counter = EdgeCounter("X4")
start = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), start) < 10_000:
    time.sleep_ms(500)
print("total edges:", counter.count)
