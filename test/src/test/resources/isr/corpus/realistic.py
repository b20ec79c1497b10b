# case: edge-counter-method
class Counter:
    def __init__(self):
        self.count = 0
    def on_edge(self, pin):
        self.count += 1
c = Counter()
def handler(t):
    c.on_edge(t)
# case: ring-buffer-write
N = const(16)
buf = bytearray(N)
idx = 0
def handler(t):
    global idx
    buf[idx] = t & 0xFF
    idx = (idx + 1) % N
# case: ring-buffer-write-slice
buf = bytearray(16)
def handler(t):
    buf[0:1] = b"x"
# case: timestamp-ticks
import time
last = 0
def handler(t):
    global last
    last = time.ticks_ms()
# case: debounce-ticks-diff
import time
last = 0
def handler(t):
    global last
    now = time.ticks_ms()
    if time.ticks_diff(now, last) > 50:
        last = now
# case: pin-toggle
import machine
led = machine.Pin("X1", machine.Pin.OUT)
def handler(t):
    led.toggle()
# case: pin-value-read
import machine
p = machine.Pin("X4", machine.Pin.IN)
state = 0
def handler(t):
    global state
    state = p.value()
# case: pin-method-reference
import machine
p = machine.Pin("X4", machine.Pin.IN)
def handler(t):
    f = p.value
# case: average-as-float
total = 100
n = 8
def handler(t):
    avg = total / n
# case: average-as-int
total = 100
n = 8
def handler(t):
    avg = total // n
# case: scaled-reading-float
import machine
p = machine.Pin("X4", machine.Pin.IN)
def handler(t):
    v = p.value() * 3.3
# case: scaled-reading-int
import machine
p = machine.Pin("X4", machine.Pin.IN)
def handler(t):
    v = (p.value() * 3300) >> 1
# case: log-message
log = None
def handler(t):
    global log
    log = "edge %d" % t
# case: flag-set
flag = False
def handler(t):
    global flag
    flag = True
# case: memoryview-write
mv = memoryview(bytearray(4))
def handler(t):
    mv[0] = t
# case: state-machine
state = 0
def handler(t):
    global state
    if state == 0:
        state = 1
    elif state == 1:
        state = 2
    else:
        state = 0
# case: handoff-prebound
import micropython
class D:
    def __init__(self):
        self.n = 0
        self._cb = self.report
    def report(self, n):
        self.n = n
    def irq(self, t):
        micropython.schedule(self._cb, t)
d = D()
def handler(t):
    d.irq(t)
# case: handoff-bound
import micropython
class D:
    def __init__(self):
        self.n = 0
    def report(self, n):
        self.n = n
    def irq(self, t):
        micropython.schedule(self.report, t)
d = D()
def handler(t):
    d.irq(t)
# case: event-tuple-store
last = None
def handler(t):
    global last
    last = (t, 1)
# case: event-fields-store
last_t = 0
last_k = 0
def handler(t):
    global last_t, last_k
    last_t, last_k = t, 1
