from machine import Pin

p = Pin('X1', Pin.OUT)
p.<|>
# --- completion
# __init__ (Method)
# init (Method)
# value (Method)
# on (Method)
# off (Method)
# toggle (Method)
# irq (Method)
# __call__ (Method)
# IN (Constant)
# OUT (Constant)
# IRQ_RISING (Constant)
# IRQ_FALLING (Constant)
# --- resolve toggle
# ```python
# def Pin.toggle(self) -> None
# ```
#
# Toggle output pin from "0" to "1" or vice-versa.
#
# Availability: cc3200, esp32, esp8266, mimxrt, rp2, samd ports.
#
# *machine* (board stub)
