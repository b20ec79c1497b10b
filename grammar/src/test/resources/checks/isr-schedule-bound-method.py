# micropython.schedule(self.method, ...) from a hard handler allocates the bound method; a pre-bound reference
# does not.
import micropython
from machine import Pin


class Button:
    def __init__(self, pin):
        self.presses = 0
        self._report_ref = self.report
        self.pin = Pin(pin, Pin.IN)
        self.pin.irq(handler=self.on_press, hard=True)

    def on_press(self, p):
        self.presses += 1
        micropython.schedule(self.report, self.presses)
        micropython.schedule(self._report_ref, self.presses)

    def report(self, n):
        print(n)


micropython.alloc_emergency_exception_buf(100)
Button("X4")
# --- expect
# 16:30-16:41 error isr-schedule-bound-method: passing the method 'report' to micropython.schedule() creates a bound method object; in a hard interrupt handler the heap is locked: MemoryError. Bind it once in __init__ (self._report_ref = self.report) and pass the reference
