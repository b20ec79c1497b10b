# Analysed when the language server starts, so that the first document a user opens meets a warm JIT and loaded
# board stubs (MprtLanguageServer.warmUp). Typical MicroPython: hardware setup, an interrupt handler, viper, a
# class with state, asyncio, f-strings, comprehensions, exceptions.
import micropython
import time
from machine import Pin, Timer
from micropython import const

_LIMIT_N = const(100)
counter_N = 0
samples_N = bytearray(64)


def on_edge_N(pin):
    global counter_N
    counter_N += 1
    if counter_N > _LIMIT_N:
        micropython.schedule(report_N, counter_N)


def report_N(n):
    print(f"edges: {n}, at {time.ticks_ms()} ms")


@micropython.viper
def checksum_N(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(n):
        s += p[i]
    return s & 0xFF


@micropython.native
def scale_N(values, k):
    return [v * k for v in values if v > 0]


class Sensor_N:
    def __init__(self, pin_id, period=100):
        self.pin = Pin(pin_id, Pin.IN)
        self.period = period
        self.readings = {}
        self.timer = Timer(-1)

    def start(self):
        self.timer.init(period=self.period, mode=Timer.PERIODIC, callback=self.tick)

    def tick(self, t):
        self.readings[time.ticks_ms()] = self.pin.value()

    def average(self):
        try:
            return sum(self.readings.values()) / len(self.readings)
        except ZeroDivisionError as e:
            return None


async def blink_N(led, interval_ms=500):
    import asyncio
    while True:
        led.toggle()
        await asyncio.sleep_ms(interval_ms)


def setup_N():
    pin = Pin(2, Pin.IN, Pin.PULL_UP)
    pin.irq(trigger=Pin.IRQ_FALLING, handler=on_edge_N)
    sensor = Sensor_N(3)
    sensor.start()
    with open("log.txt", "w") as f:
        f.write(", ".join(str(x) for x in range(10)))
    return sensor, {k: v for k, v in enumerate(samples_N[:8])}, lambda x: x << 1
