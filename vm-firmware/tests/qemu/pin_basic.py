# machine.Pin: the virtual pins X1..X12, outputs and their time-stamped edges.
from machine import Pin
import mprt

mprt.edges()
print(Pin.IN, Pin.OUT, Pin.IRQ_FALLING, Pin.IRQ_RISING)
x1 = Pin("X1", Pin.OUT, value=0)
print(x1, x1.value())
x1.on()
print(x1.value(), x1())
x1.off()
x1(1)
x1.value(0)
x1.toggle()
print(x1.value())
print(Pin("X1") is x1, Pin(x1) is x1)
x2 = Pin("X2", mode=Pin.OUT, value=1)
print(x2, x2.value())
x2.init(Pin.IN)
print(x2, x2.value())
x2.value(0)  # an input: only the output buffer changes
x2.init(Pin.OUT)
print(x2.value())

edges = mprt.edges()
print([(name, level) for name, level, cycles in edges])
print("stamps rise", all(edges[i][2] <= edges[i + 1][2] for i in range(len(edges) - 1)))
print(mprt.edges())

for bad in ("X13", "Y1"):
    try:
        Pin(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    Pin("X4", Pin.OUT)
except ValueError as e:
    print("ValueError:", e)
try:
    Pin("X5", 7)
except ValueError as e:
    print("ValueError:", e)

# irq() on an output pin fires on changes of its output buffer, soft (scheduled) by default.
log = []
x3 = Pin("X3", Pin.OUT, value=0)
irq = x3.irq(lambda p: log.append(p), Pin.IRQ_RISING)
x3.on()
x3.off()
x3.on()
for i in range(3):
    pass
print(log, irq.flags(), irq.trigger())
x3.irq(None)
x3.off()
x3.on()
print(len(log))


# hard=True: called at once, with the heap locked.
def hard(p):
    try:
        [p]
    except MemoryError:
        log.append("hard MemoryError")


x3.irq(hard, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
x3.toggle()
print(log[-1], irq.flags())
x3.irq(None)
mprt.edges()
