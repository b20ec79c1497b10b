# Timer-driven LED blinker.
#
# A hardware timer toggles the LED from its interrupt handler, so the blink rate stays steady whatever the main
# loop is doing. The handler runs in hard-IRQ context: it must not allocate (no floats, no new objects), so the
# pin and the counter are prepared outside it.
import time

import micropython
from machine import Pin, Timer

micropython.alloc_emergency_exception_buf(100)

LED_PIN = "X1"
BLINK_HZ = const(4)

led = Pin(LED_PIN, Pin.OUT)
ticks = 0


def on_tick(timer):
    global ticks
    ticks += 1
    led.toggle()


timer = Timer(-1, mode=Timer.PERIODIC, freq=BLINK_HZ * 2, callback=on_tick)

try:
    while True:
        time.sleep_ms(100)
except KeyboardInterrupt:
    timer.deinit()
    led.off()
    print("blinked", ticks // 2, "times")
