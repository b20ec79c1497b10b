from machine import Pin


class Led:
    def __init__(self, name):
        self.pin = Pin(name, Pin.OUT)
        self.count = 0

    def flash(self):
        self.pin.on()
        self.cou<|>nt += 1


led = Led('X1')
led.count = 5
# --- references
# 7:         self.[count] = 0
# 11:         self.[count] += 1
# 15: led.[count] = 5
# --- rename total
# main.py:7:         self.[total] = 0
# main.py:11:         self.[total] += 1
# main.py:15: led.[total] = 5
