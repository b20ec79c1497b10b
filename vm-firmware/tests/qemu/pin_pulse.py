# The pulse generator (dual timer) drives input pin X4; Pin.irq fires on its edges in the
# timer's interrupt, hard or scheduled.
from machine import Pin
import array, micropython, mprt, time

micropython.alloc_emergency_exception_buf(100)

x4 = Pin("X4")
print(x4, x4.value(), mprt.pulse())
mprt.edges()

stamps = array.array("i", [0] * 64)
n = [0]


def rising(pin):
    # Hard context: no allocation; a preallocated array and small ints only.
    if n[0] < 64:
        stamps[n[0]] = time.ticks_cpu()
    n[0] += 1


x4.irq(rising, Pin.IRQ_RISING, hard=True)
mprt.pulse(1000, count=20)
print(mprt.pulse())
t0 = time.ticks_ms()
while mprt.pulse() and time.ticks_diff(time.ticks_ms(), t0) < 2000:
    time.sleep_ms(5)
print("stopped", mprt.pulse(), "level", x4.value())
print("rising edges", n[0])
edges = mprt.edges()
print(len(edges), edges[0][:2], edges[-1][:2])
# 20 pulses at 1 kHz: 19 periods of 25000 cycles between the first and the last rising edge.
span = time.ticks_diff(stamps[19], stamps[0])
print("rate", 0.7 < span / (19 * 25000) < 1.5)

# Scheduled (soft) handler, both edges.
soft = []
x4.irq(lambda p: soft.append(p.value()), Pin.IRQ_RISING | Pin.IRQ_FALLING)
mprt.pulse(200, count=3)
time.sleep_ms(60)
print(soft)

# A handler that raises is disabled.
def bad(pin):
    raise ValueError("boom")


x4.irq(bad, Pin.IRQ_RISING, hard=True)
mprt.pulse(500, count=3)
time.sleep_ms(20)
x4.irq(None)
mprt.pulse(0)
print(mprt.pulse())
try:
    mprt.pulse(-1)
except ValueError as e:
    print("ValueError:", e)
mprt.edges()
