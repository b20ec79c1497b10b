# board: esp32
# code: viper-binary-op-types
import micropython


@micropython.viper
def length(x) -> int:
    if x is None:
        return 0
    return int(len(x))
# --- fixed
# board: esp32
# code: viper-binary-op-types
import micropython


NONE = None  # an object: viper compares with it

@micropython.viper
def length(x) -> int:
    if x is NONE:
        return 0
    return int(len(x))
