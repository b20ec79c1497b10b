# Attributes the board's stubs do not define on their modules and classes: AttributeError on the device.
import machine
from machine import Pin

p = Pin("X1", Pin.OUT)
p.irq(handler=None, trigger=machine.Pin.IRQ_RISNG)
machine.lightsleep()
p.toggle()
p.valu()
print(machine.__name__)

if hasattr(machine, "deepsleep"):
    machine.deepsleep()


class Mine:
    pass


Mine().anything = 1
print(Mine().anything)

# a feature probe that leaves when the feature is missing guards the later uses; one that does not leave, not
try:
    machine.soft_reset_cause
except AttributeError:
    print("SKIP")
    raise SystemExit
machine.soft_reset_cause()
if not hasattr(Pin, "drive"):
    raise SystemExit
p.drive(1)
try:
    machine.nothing_here
except AttributeError:
    print("no")
machine.nothing_here

import sys

if sys.implementation.name != "micropython":
    machine.cpython_only()
# --- expect
# 6:29-6:50 error semantic-unknown-attribute: type object 'Pin' has no attribute 'IRQ_RISNG'
# 7:1-7:19 error semantic-unknown-attribute: 'module' object has no attribute 'lightsleep'
# 9:1-9:7 error semantic-unknown-attribute: 'Pin' object has no attribute 'valu'
# 37:1-37:21 error semantic-unknown-attribute: 'module' object has no attribute 'nothing_here'
