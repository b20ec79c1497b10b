# obj.meth without a call creates a bound method; obj.meth() does not.
import micropython
from machine import Pin

micropython.alloc_emergency_exception_buf(100)


class Led:
    def __init__(self):
        self.pin = Pin("X1", Pin.OUT)
        self.on = 0

    def toggle(self):
        self.on ^= 1

    def isr(self, p):
        self.toggle()          # a method call: fine
        cb = self.toggle       # a bound method object


led = Led()
Pin("X4").irq(led.isr, hard=True)
# --- expect
# 18:14-18:25 error isr-alloc-bound-method: reading the method 'toggle' without calling it creates a bound method object; in a hard interrupt handler the heap is locked: MemoryError
