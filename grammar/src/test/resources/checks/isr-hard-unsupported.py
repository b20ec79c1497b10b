# board: esp32
# esp32's Pin.irq has no hard keyword; its UART.irq refuses hard=True.
from machine import Pin, UART


def h(x):
    pass


Pin(4).irq(handler=h, hard=True)
UART(1).irq(h, hard=True)
UART(1).irq(h, hard=False)
# --- expect
# 10:23-10:32 error isr-hard-unsupported: TypeError: unexpected keyword argument 'hard' (esp32's Pin.irq has no 'hard'; its handlers always run soft) on board esp32
# 11:16-11:25 error isr-hard-unsupported: ValueError: hard IRQ is not supported (esp32's UART.irq handlers always run soft) on board esp32
