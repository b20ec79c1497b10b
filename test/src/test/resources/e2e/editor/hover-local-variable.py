from machine import Pin


def setup():
    led = Pin('X1', Pin.OUT)
    le<|>d.on()
# --- hover
# 6:     [led].on()
# ```python
# led: Pin
# ```
