import micropython


@micropython.<|>
def scale(x):
    return x * 2
# --- board esp8266
# --- completion includes
# native (Function)
# viper (Function)
# asm_xtensa (Function)
# --- completion excludes
# asm_thumb
