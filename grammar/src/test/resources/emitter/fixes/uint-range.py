# board: qemu-mps2-an385
# code: viper-int-uint-comparison
import micropython


@micropython.viper
def count(n: uint) -> uint:
    s = uint(0)
    for i in range(n):
        s += uint(1)
    return s
# --- fixed
# board: qemu-mps2-an385
# code: viper-int-uint-comparison
import micropython


@micropython.viper
def count(n: uint) -> uint:
    s = uint(0)
    for i in range(uint(0), n):
        s += uint(1)
    return s
