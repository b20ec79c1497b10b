# board: rp2-pico
# code: viper-int-uint-comparison
import micropython


@micropython.viper
def small(x: uint) -> bool:
    return x < 10
# --- fixed
# board: rp2-pico
# code: viper-int-uint-comparison
import micropython


@micropython.viper
def small(x: uint) -> bool:
    return x < uint(10)
