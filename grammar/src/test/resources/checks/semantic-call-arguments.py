# Calls that do not fit the board API's signature (a warning: the stubs come from MicroPython's docs).
from machine import Pin, Timer

p = Pin("X4", Pin.IN)
p.irq(lambda pin: None, Pin.IRQ_RISING, True, 4, 5)
p.irq(handler=None, hardd=True)
p.irq(handler=None, trigger=Pin.IRQ_RISING, hard=True)
t = Timer(0, mode=Timer.PERIODIC, freq=10, callback=None)
Pin()
# --- expect
# 5:1-5:52 warning semantic-call-arguments: irq() takes at most 2 positional arguments (5 given)
# 6:1-6:32 warning semantic-call-arguments: irq() got an unexpected keyword argument 'hardd'
# 9:1-9:6 warning semantic-call-arguments: Pin() missing required argument 'id'
