# mprt_debug, the on-device debug monitor, through its loopback link (mprt_debug.feed): the wire
# protocol of docs/protocol.md, breakpoints with conditions and hit counts recorded as tracepoints,
# the tracepoint ring and its overflow count, and no heap allocation on the hook path.
import sys, struct, micropython
import mprt_debug

FILE = "<stdin>" if sys.platform == "qemu" else __file__
SEQ = [0]


def frame(p):
    n = len(p)
    return bytes([0x1E, 0xB7, n & 255, n >> 8, 255 ^ (n & 255) ^ (n >> 8)]) + p + struct.pack("<I", mprt_debug.crc32(p))


def s(x):
    x = x.encode() if isinstance(x, str) else x
    return bytes([len(x)]) + x


def frames(data):
    # Splits the monitor's output into payloads, checking each frame's header and CRC.
    out = []
    i = 0
    while i < len(data):
        assert data[i] == 0x1E and data[i + 1] == 0xB7
        n = data[i + 2] | data[i + 3] << 8
        assert data[i + 4] == 255 ^ data[i + 2] ^ data[i + 3]
        p = data[i + 5 : i + 5 + n]
        assert struct.unpack("<I", data[i + 5 + n : i + 9 + n])[0] == mprt_debug.crc32(p)
        out.append(p)
        i += 9 + n
    return out


def req(t, body=b""):
    SEQ[0] += 1
    return frames(mprt_debug.feed(frame(bytes([t]) + struct.pack("<H", SEQ[0]) + body)))


def value(p, i):
    tag = p[i]
    if tag == 4:
        return struct.unpack("<i", p[i + 1 : i + 5])[0], i + 5
    if tag == 5 or tag == 7:
        n = p[i + 1]
        return ("str:" if tag == 5 else "type:") + p[i + 2 : i + 2 + n].decode(), i + 2 + n
    return ("unbound", "None", "False", "True")[tag] if tag < 4 else "tag%d" % tag, i + 1


def tracepoint(p):
    # TRACEPOINT: bp, hard, timeUs, function, line, lost, locals
    bp, hard = p[3], p[4]
    n = p[9]
    fn = p[10 : 10 + n].decode()
    i = 10 + n
    line, lost = struct.unpack("<HI", p[i : i + 6])
    i += 6
    count = p[i]
    i += 1
    vals = []
    for _ in range(count):
        v, i = value(p, i + 1)
        vals.append(v)
    return bp, hard, fn, line, lost, vals


def add_bp(line, hits=0, flags=0, names="", cond=""):
    r = req(0x03, s(FILE) + struct.pack("<HHB", line, hits, flags) + s(names) + s(cond))
    return r[0][0], r[0][3]


def show_events(ps):
    for p in ps:
        if p[0] == 0xC1:
            print("tracepoint", tracepoint(p)[:5], tracepoint(p)[5][:3])
        else:
            print("frame", hex(p[0]))


def handler(a, b):
    c = a * b
    return c  # line 83: the breakpoint line


# Detached, sys.settrace is untouched.
events = []


def tracer(f, e, a):
    events.append(e)
    return tracer


sys.settrace(tracer)
handler(1, 2)
sys.settrace(None)
print("settrace", events)

mprt_debug.attach(loopback=True)
print("attached", mprt_debug.attached())
hello = req(0x01, b"\x01")[0]
print("hello", hex(hello[0]), hello[3], "stop cap", bool(struct.unpack("<I", hello[4:8])[0] & 0x10000))

# Condition (on the device, with the local names given by the host) and hit count (from the 2nd).
print("add", add_bp(83, hits=2, names="a,b", cond="a % 2 == 1"))
for i in range(6):
    handler(i, 10)
show_events(req(0x01, b"\x01")[1:])

# With the heap locked (as in a hard interrupt handler): the hook, the condition and the snapshot
# allocate nothing; the hit is recorded with hard=1.
req(0x04, s(FILE))
print("add", add_bp(83, names="a,b", cond="b > 5"))
i = 0
micropython.heap_lock()
while i < 3:
    handler(i, i + 4)
    i += 1
micropython.heap_unlock()
show_events(req(0x01, b"\x01")[1:])

# The ring holds 8 snapshots; the rest are counted as lost, never silently dropped.
req(0x04, s(FILE))
add_bp(83)
for i in range(12):
    handler(i, 1)
ev = req(0x01, b"\x01")[1:]
print("ring", len(ev), "lost", tracepoint(ev[-1])[4])
st = req(0x17, b"\x00\x04")[0]
print("stats hits/lost", struct.unpack("<II", st[4:12]))

# Errors: unknown request, bad CRC (no reply at all), malformed body.
print("unknown", req(0x7F)[0][3])
bad = bytearray(frame(b"\x01\x63\x00\x01"))
bad[-1] ^= 1
print("bad crc", mprt_debug.feed(bad))
print("malformed", req(0x03, b"\x05abc")[0][3])
print("cleared", req(0x04, s(""))[0][3])
handler(3, 3)
print("after clear", req(0x01, b"\x01")[1:])
mem = req(0x16)[0]
print("memory", len(mem), struct.unpack("<I", mem[3:7])[0] > 0)

mprt_debug.detach()
print("attached", mprt_debug.attached())
events = []
sys.settrace(tracer)
handler(1, 2)
sys.settrace(None)
print("settrace", events)
