from drivers.led import Led

Le<|>d('X1').on()
# --- file drivers/__init__.py
# --- file drivers/led.py
# from machine import Pin
#
#
# class Led:
#     def __init__(self, name):
#         self.pin = Pin(name, Pin.OUT)
#
#     def on(self):
#         self.pin.on()
# --- definition
# drivers/led.py:4: class [Led]:
