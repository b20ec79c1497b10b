# board: qemu-mps2-an385
# code: viper-binary-op-types
import micropython


@micropython.viper
def checksum(buf) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(len(buf)):
        s += p[i]
    return s
# --- fixed
# board: qemu-mps2-an385
# code: viper-binary-op-types
import micropython


@micropython.viper
def checksum(buf) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(int(len(buf))):
        s += p[i]
    return s
