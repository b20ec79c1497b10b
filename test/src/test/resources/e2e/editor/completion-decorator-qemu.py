import micropython


@micropython.<|>
def scale(x):
    return x * 2
# --- completion includes
# bytecode (Function)
# native (Function)
# viper (Function)
# asm_thumb (Function)
# --- completion excludes
# asm_xtensa
# _F
# TypeVar
# Callable
