# board: qemu-mps2-an385
# code: viper-local-type-mismatch
import micropython


@micropython.viper
def safe(p: ptr8) -> int:
    try:
        return p[0]
    except IndexError as e:
        return -1
# --- fixed
# board: qemu-mps2-an385
# code: viper-local-type-mismatch
import micropython


@micropython.viper
def safe(p: ptr8) -> int:
    try:
        return p[0]
    except IndexError:
        return -1
