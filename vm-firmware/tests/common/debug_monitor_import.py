# mprt_debug: `import` finds files uploaded with UPLOAD_BEGIN/DATA/END (a module and a package),
# through the loopback link (mprt_debug.feed), before the filesystem; a name not uploaded still
# fails as before.
import struct, sys
import mprt_debug


def frame(p):
    n = len(p)
    return bytes([0x1E, 0xB7, n & 255, n >> 8, 255 ^ (n & 255) ^ (n >> 8)]) + p + struct.pack("<I", mprt_debug.crc32(p))


SEQ = [0]


def req(t, body=b""):
    SEQ[0] += 1
    out = mprt_debug.feed(frame(bytes([t]) + struct.pack("<H", SEQ[0]) + body))
    return out[5]  # the reply's type: 0x80 OK, 0x81 ERROR


def begin(name, text):
    # UPLOAD_BEGIN's reply: present = 1 when the device holds that very file already
    data = text.encode()
    n = name.encode()
    SEQ[0] += 1
    p = bytes([0x11]) + struct.pack("<H", SEQ[0]) + bytes([len(n)]) + n
    out = mprt_debug.feed(frame(p + struct.pack("<II", len(data), mprt_debug.crc32(data))))
    return out[5], out[8]


def upload(name, text):
    data = text.encode()
    n = name.encode()
    crc = mprt_debug.crc32(data)
    r = [req(0x11, bytes([len(n)]) + n + struct.pack("<II", len(data), crc))]
    r.append(req(0x12, struct.pack("<IH", 0, len(data)) + data))
    r.append(req(0x13))
    return r


# uploaded names are relative to the '' entry of sys.path (the board has it; unix starts with the
# script's folder)
if "" not in sys.path:
    sys.path.insert(0, "")
mprt_debug.attach(loopback=True)
print(upload("mprt_up_helper.py", "def twice(x):\n    return 2 * x\n"))
print(upload("mprt_up_pkg/__init__.py", "NAME = 'pkg'\n"))
print(upload("mprt_up_pkg/sub.py", "from mprt_up_helper import twice\nVALUE = twice(21)\n"))

import mprt_up_helper
import mprt_up_pkg
from mprt_up_pkg import sub

print(mprt_up_helper.twice(4), mprt_up_pkg.NAME, sub.VALUE)
print(mprt_up_helper.__name__, sub.__name__)

HELPER = "def twice(x):\n    return 2 * x\n"
print("present", begin("mprt_up_helper.py", HELPER), begin("mprt_up_helper.py", HELPER + "# changed\n"))

try:
    import mprt_up_missing
except ImportError as e:
    print("ImportError", e)
mprt_debug.detach()
