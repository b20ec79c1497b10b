# board: esp8266
from machine import Pin


def h(x):
    pass


Pin(4).irq(handler=h, hard=True)
Pin(5).irq(handler=h)
# --- expect
# 9:23-9:32 error isr-hard-unsupported: ValueError: hard IRQ not supported (esp8266's Pin.irq handlers always run soft) on board esp8266
