# board: pyboard
# code: viper-return-type
import micropython


@micropython.viper
def add(a: int, b: int):
    return a + b
# --- fixed
# board: pyboard
# code: viper-return-type
import micropython


@micropython.viper
def add(a: int, b: int) -> int:
    return a + b
