# Cost of the debug monitor on Python code, side by side (run by bench.sh on both builds).
#   detached   the monitor is built in but not attached (the default)
#   attached   attached, with a breakpoint set in another function (loopback link: same VM hooks)
#   settrace   a Python-level sys.settrace tracer that checks a breakpoint table on each line
# On a firmware without the monitor only the first column is measured ("plain").
# Each figure is the best of several runs, in microseconds.
import sys, time, struct

try:
    import mprt_debug
except ImportError:
    mprt_debug = None

N = 20000
REPEAT = 5


def loop(n):
    x = 0
    i = 0
    while i < n:
        x += i & 7
        i += 1
    return x  # @same: a breakpoint in the loop's own function (hit once, after the loop)


def never(a):
    b = a + 1  # @bp: the breakpoint line, in a function the measurement never calls
    return b


def work(a):
    return a + 1


def calls(n):
    s = 0
    for i in range(n):
        s += work(i)
    return s


def best(fn, n):
    t = None
    for _ in range(REPEAT):
        t0 = time.ticks_us()
        fn(n)
        dt = time.ticks_diff(time.ticks_us(), t0)
        t = dt if t is None or dt < t else t
    return t


def frame(p):
    n = len(p)
    return bytes([0x1E, 0xB7, n & 255, n >> 8, 255 ^ (n & 255) ^ (n >> 8)]) + p + struct.pack("<I", mprt_debug.crc32(p))


def s(x):
    return bytes([len(x)]) + x


BP = {}


def tracer(frame, event, arg):
    if event == "call":
        return tracer
    if event == "line" and frame.f_lineno in BP:
        pass
    return tracer


FILE = globals().get("__file__", "<stdin>").encode()
BP_LINE = 28  # the line marked @bp above
SAME_LINE = 24  # the line marked @same above

for name, n in (("loop", N), ("calls", N // 4)):
    fn = loop if name == "loop" else calls
    fn(100)
    detached = best(fn, n)
    if mprt_debug is None:
        print("%-5s plain    %7d us" % (name, detached))
        continue
    mprt_debug.attach(loopback=True)
    mprt_debug.feed(frame(b"\x03\x01\x00" + s(FILE) + struct.pack("<HHB", BP_LINE, 0, 0) + s(b"") + s(b"")))
    attached = best(fn, n)
    same = None
    if name == "loop":
        mprt_debug.feed(frame(b"\x03\x02\x00" + s(FILE) + struct.pack("<HHB", SAME_LINE, 0, 0) + s(b"") + s(b"")))
        same = best(fn, n)
    mprt_debug.detach()
    BP[BP_LINE] = True
    sys.settrace(tracer)
    traced = best(fn, n)
    sys.settrace(None)
    print(
        "%-5s detached %7d us  attached %7d us (x%.3f)  settrace %7d us (x%.2f)"
        % (name, detached, attached, attached / detached, traced, traced / detached)
        + ("" if same is None else "  bp in the same function %7d us (x%.2f)" % (same, same / detached))
    )
