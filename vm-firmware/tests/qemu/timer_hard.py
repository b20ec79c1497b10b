# machine.Timer on the CMSDK timers: callbacks in hard IRQ context.
from machine import Timer
import micropython, time

micropython.alloc_emergency_exception_buf(100)
print(Timer.ONE_SHOT, Timer.PERIODIC)

ctx = []


def probe(t):
    # Allocation fails in hard context; micropython.schedule works.
    try:
        [t]
    except MemoryError:
        micropython.schedule(report, "MemoryError in callback")


def report(msg):
    ctx.append(msg)


t = Timer(0, mode=Timer.ONE_SHOT, period=5, callback=probe)
print(t)
time.sleep_ms(30)
print(ctx)

count = [0]


def tick(t):
    count[0] += 1


t1 = Timer(1, mode=Timer.PERIODIC, freq=200, callback=tick)
time.sleep_ms(200)
t1.deinit()
n = count[0]
print("periodic", 25 <= n <= 55)
time.sleep_ms(30)
print("stopped", count[0] == n)

# init() restarts with new settings; tick_hz sets the period's unit.
count[0] = 0
t1.init(mode=Timer.ONE_SHOT, period=2000, tick_hz=1000000, callback=tick)
print(t1)
time.sleep_ms(20)
print("one shot", count[0])

# id -1 takes a free timer; both running -> none left.
a = Timer(0, period=100, callback=tick)
b = Timer(1, period=100, callback=tick)
try:
    Timer(-1, period=100, callback=tick)
except ValueError as e:
    print("ValueError:", e)
a.deinit()
c = Timer(-1, period=100, callback=tick)
print(c is a)
c.deinit()
b.deinit()

for kw in ({"period": 0}, {"freq": 0}, {"period": 1000000}, {"mode": 5, "period": 1}):
    try:
        Timer(0, callback=tick, **kw)
    except ValueError as e:
        print("ValueError:", e)
try:
    Timer(2)
except ValueError as e:
    print("ValueError:", e)


def bad(t):
    raise OSError(5)


t = Timer(0, period=2, callback=bad)
time.sleep_ms(20)
print(t)
