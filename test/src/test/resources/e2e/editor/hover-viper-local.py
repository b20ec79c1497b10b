import micropython


@micropython.viper
def fill(buf, value: uint):
    p = ptr32(buf)
    for i in range(int(len(buf)) >> 2):
        <|>p[i] = value
# --- hover
# 8:         [p][i] = value
# ```python
# (viper local) p: ptr32
# ```
#
# A native ptr32: machine arithmetic, no heap objects; every store to it must be ptr32.
