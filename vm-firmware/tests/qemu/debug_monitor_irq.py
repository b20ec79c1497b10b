# mprt_debug in hard interrupt handlers (machine.Timer callbacks run with the heap locked): a
# breakpoint there never stops and never allocates, it records a snapshot (time, line, small-int
# and small-object locals); the handler's statistics count its calls and the latency from the
# interrupt to its first Python line.
import struct, time, machine
import mprt_debug

SEQ = [0]


def frame(p):
    n = len(p)
    return bytes([0x1E, 0xB7, n & 255, n >> 8, 255 ^ (n & 255) ^ (n >> 8)]) + p + struct.pack("<I", mprt_debug.crc32(p))


def s(x):
    x = x.encode() if isinstance(x, str) else x
    return bytes([len(x)]) + x


def frames(data):
    out = []
    i = 0
    while i < len(data):
        n = data[i + 2] | data[i + 3] << 8
        out.append(data[i + 5 : i + 5 + n])
        i += 9 + n
    return out


def req(t, body=b""):
    SEQ[0] += 1
    return frames(mprt_debug.feed(frame(bytes([t]) + struct.pack("<H", SEQ[0]) + body)))


count = 0
t = machine.Timer(0)


def tick(tim):
    global count
    k = count * 3
    f = 0.5
    count += 1  # line 44: the breakpoint
    if count == 5:
        tim.deinit()


mprt_debug.attach(loopback=True)
_ = req(0x19)  # RESET_STATS
print("add", req(0x03, s("<stdin>") + struct.pack("<HHB", 44, 0, 0) + s("") + s(""))[0][3])
t.init(freq=500, callback=tick)
while count < 5:
    time.sleep_ms(1)
time.sleep_ms(5)
ev = req(0x01, b"\x01")[1:]
print("tracepoints", len(ev))
for p in ev:
    hard = p[4]
    n = p[9]
    fn = p[10 : 10 + n].decode()
    i = 10 + n
    line, lost = struct.unpack("<HI", p[i : i + 6])
    i += 7
    # slot 0: the Timer (by type), slot 1: k (int), slot 2: f (float by value)
    assert p[i] == 0 and p[i + 1] == 7
    tn = p[i + 2]
    tname = p[i + 3 : i + 3 + tn].decode()
    i += 3 + tn
    assert p[i] == 1 and p[i + 1] == 4
    k = struct.unpack("<i", p[i + 2 : i + 6])[0]
    i += 6
    assert p[i] == 2 and p[i + 1] == 8
    fv = struct.unpack("<f", p[i + 2 : i + 6])[0]
    print(fn, line, "hard", hard, "lost", lost, tname, k, fv)
st = req(0x17, b"\x00\x04")[0]
n = st[12]
i = 13
nl = st[i]
name = st[i + 1 : i + 1 + nl].decode()
i += 1 + nl
calls, mn, avg, mx = struct.unpack("<IIII", st[i : i + 16])
hist = struct.unpack("<8I", st[i + 17 : i + 49])
print("handlers", st[3], name, "calls", calls, "latency ok", 0 < mn <= avg <= mx, "hist", sum(hist))
mprt_debug.detach()
