# mprt_debug's real link on the unix build (stdin/stdout, mprt_debug_unix.c), in one process: stdin
# and stdout become pipes (libc through ffi), attach() starts the link's reader thread on them, and
# a shell in the background plays the host while the program is stopped. HELLO offers STOP; a
# breakpoint stops and waits for the host's STACK, LOCALS and CONTINUE; Ctrl-C from the link raises
# KeyboardInterrupt in running code; DETACH parks the link (hooks off, Ctrl-C still works) and
# HELLO starts a new session.
import os, struct, time, ffi
import mprt_debug

libc = ffi.open("libc.so.6")
pipe = libc.func("i", "pipe", "p")
dup = libc.func("i", "dup", "i")
dup2 = libc.func("i", "dup2", "ii")
close = libc.func("i", "close", "i")
read = libc.func("l", "read", "ipl")
write = libc.func("l", "write", "ipl")
fcntl = libc.func("i", "fcntl", "iii")

FILE = __file__
BP_LINE = [i for i, line in enumerate(open(FILE), 1) if line.rstrip().endswith("# @" + "bp")][0]
SEQ = [0]


def frame(p):
    n = len(p)
    return bytes([0x1E, 0xB7, n & 255, n >> 8, 255 ^ (n & 255) ^ (n >> 8)]) + p + struct.pack("<I", mprt_debug.crc32(p))


def request(t, body=b""):
    SEQ[0] += 1
    return frame(bytes([t]) + struct.pack("<H", SEQ[0]) + body)


def s(x):
    x = x.encode() if isinstance(x, str) else x
    return bytes([len(x)]) + x


def payloads(data):
    out = []
    i = data.find(b"\x1e\xb7")
    while i >= 0:
        n = data[i + 2] | data[i + 3] << 8
        p = data[i + 5 : i + 5 + n]
        assert struct.unpack("<I", data[i + 5 + n : i + 9 + n])[0] == mprt_debug.crc32(p)
        out.append(p)
        i = data.find(b"\x1e\xb7", i + 9 + n)
    return out


def fds():
    b = bytearray(8)
    assert pipe(b) == 0
    return struct.unpack("<ii", b)


def send(fd, data):
    assert write(fd, data, len(data)) == len(data)


def receive(fd):
    fcntl(fd, 4, 0o4000)  # F_SETFL O_NONBLOCK
    out = b""
    buf = bytearray(4096)
    while True:
        n = read(fd, buf, len(buf))
        if n <= 0:
            return out
        out += buf[:n]


def serve(ms):
    # The main thread runs the monitor's scheduled node (the reply) at its next pending check.
    time.sleep_ms(ms)


def area(w, h):
    a = w * h
    return a  # @bp


in_r, in_w = fds()
out_r, out_w = fds()
stdin, stdout = dup(0), dup(1)
dup2(in_r, 0)
dup2(out_w, 1)
notes = []
mprt_debug.attach()  # the real link: a reader thread on stdin

send(in_w, request(0x01, b"\x01"))  # HELLO
serve(100)
send(in_w, request(0x03, s(FILE) + struct.pack("<HHB", BP_LINE, 0, 0) + s("") + s("")))  # ADD_BREAKPOINT
serve(100)
# The host, while the program is stopped: a shell in the background writes its requests.
script = "; ".join(
    "sleep 0.3; printf '%s' >&%d" % ("".join("\\%03o" % b for b in r), in_w)
    for r in (request(0x0A, b"\x00\x08"), request(0x0B, b"\x00\x00\x03"), request(0x07))
)
os.system("(%s) &" % script)
notes.append(("area", area(6, 7)))  # stops at the breakpoint until the shell's CONTINUE

try:
    send(in_w, b"\x03")  # Ctrl-C from the link, while code runs
    for i in range(2000):
        time.sleep_ms(1)
    notes.append("no KeyboardInterrupt")
except KeyboardInterrupt:
    notes.append("KeyboardInterrupt")

send(in_w, request(0x02))  # DETACH: the session ends, the link listens on
serve(100)
notes.append(("attached after DETACH", mprt_debug.attached()))
notes.append(("area", area(2, 3)))  # no stop: the hooks are off
try:
    send(in_w, b"\x03")
    for i in range(2000):
        time.sleep_ms(1)
    notes.append("no KeyboardInterrupt")
except KeyboardInterrupt:
    notes.append("KeyboardInterrupt after DETACH")
send(in_w, request(0x01, b"\x01"))  # HELLO: a new session
serve(100)
notes.append(("attached after HELLO", mprt_debug.attached()))

mprt_debug.detach()
dup2(stdin, 0)
dup2(stdout, 1)
for fd in (in_r, in_w, out_w, stdin, stdout):
    close(fd)

for n in notes:
    print(n)
for p in payloads(receive(out_r)):
    t, seq = p[0], p[1] | p[2] << 8
    if t == 0x80 and seq in (1, 7):
        print("HELLO stop cap", bool(struct.unpack("<I", p[4:8])[0] & 0x10000), "board", p[15:].decode())
    elif t == 0xC0:
        n = p[5]
        print("STOPPED reason", p[3], "function", p[6 + n + 1 : 6 + n + 1 + p[6 + n]].decode())
    elif t == 0x80 and seq == 3:
        print("STACK total", p[3], "frames", p[4])
    elif t == 0x80 and seq == 4:
        print("LOCALS w h a", [struct.unpack("<i", p[i : i + 4])[0] for i in (9, 15, 21)])
    else:
        print("frame", hex(t), seq)
