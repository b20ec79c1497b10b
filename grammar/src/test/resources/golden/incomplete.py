# typing in progress: an incomplete attribute access must not swallow the next statements
import machine
led = machine.Pin("X1")
led.
machine.Timer(0, callback=None)
x = 2
