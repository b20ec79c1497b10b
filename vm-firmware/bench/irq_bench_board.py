# Runs on the board (qemu-mps2-an385), sent by vm-firmware/bench.sh. Two experiments per
# emitter (bytecode, native, viper), after the seed's PyBoard measurements:
#   loop:    `while True: out.toggle()`; the host stops it with Ctrl-C. The period between
#            consecutive edges of X1 is one loop iteration ("loop branch").
#   latency: the pulse generator's rising edges on X4 fire a hard Pin IRQ whose handler toggles
#            X2; latency = time of the X2 edge - time of the X4 edge (both from the edge log).
# Edge times are SYSCLK cycles (25 MHz). Under QEMU with -icount shift=0 one guest instruction
# takes 2^shift ns of virtual time (bench.sh: shift 5, 32 ns), so cycles convert to
# instruction counts exactly: instructions = cycles * 40 / 2^shift.
# The host substitutes EMITTER and PART before sending.
from machine import Pin
import micropython, mprt, time

micropython.alloc_emergency_exception_buf(100)
out = Pin("X1", Pin.OUT, value=0)
out2 = Pin("X2", Pin.OUT, value=0)
x4 = Pin("X4")


@micropython.EMITTER
def loop(p):
    while True:
        p.toggle()


@micropython.EMITTER
def handler(p):
    out2.toggle()


def busy(ms):
    # Busy, not asleep: QEMU 7.2 with -icount sleep=off delivers timer interrupts late to a
    # core halted in wfi (see docs/firmware.md).
    t0 = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), t0) < ms:
        pass


def report(name, values):
    values = sorted(values)
    n = len(values)
    print(name, n, values[0], values[n // 2], sum(values) / n, values[-1])


mprt.edges()
if PART == "loop":
    try:
        print("LOOPING")
        loop(out)
    except KeyboardInterrupt:
        pass
    e = [c for name, level, c in mprt.edges() if name == "X1"]
    # Skip the first edges (entry into the loop), use at most 1000 periods.
    e = e[10:1011]
    report("loop", [e[i + 1] - e[i] for i in range(len(e) - 1)])
else:
    x4.irq(handler, Pin.IRQ_RISING, hard=True)
    mprt.pulse(1000, count=200)
    busy(250)
    x4.irq(None)
    mprt.pulse(0)
    rise = None
    lat = []
    for name, level, c in mprt.edges():
        if name == "X4" and level:
            rise = c
        elif name == "X2" and rise is not None:
            lat.append(c - rise)
            rise = None
    report("latency", lat)
