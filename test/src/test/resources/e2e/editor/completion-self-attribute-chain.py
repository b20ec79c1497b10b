from machine import Pin


class Led:
    def __init__(self, name):
        self.pin = Pin(name, Pin.OUT)
        self.count = 0

    def flash(self):
        self.pin.on()
        self.count += 1


led = Led('X1')
led.pin.t<|>
# --- completion
# toggle (Method)
