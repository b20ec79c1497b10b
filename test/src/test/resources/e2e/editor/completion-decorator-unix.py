import micropython


@micropython.<|>
def scale(x):
    return x * 2
# --- board unix
# --- completion includes
# native (Function)
# viper (Function)
# --- completion excludes
# asm_thumb
# asm_xtensa
