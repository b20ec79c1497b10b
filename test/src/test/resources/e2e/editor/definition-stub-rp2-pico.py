import rp2


@rp2.asm_p<|>io(set_init=rp2.PIO.OUT_LOW)
def blink():
    set(pins, 1)
# --- board rp2-pico
# --- definition
# stub rp2-pico/rp2.pyi: def [asm_pio](*, out_init=None, set_init=None, sideset_init=None, side_pindir: bool = False, in_shiftdir: int = ..., out_shiftdir: int = ..., autopush: bool = False, autopull: bool = False, push_thresh: int = 32, pull_thresh: int = 32, fifo_join: int = ...) -> Any:
