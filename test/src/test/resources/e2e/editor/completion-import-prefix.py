import ma<|>
# --- completion
# machine (Module)
# math (Module)
# --- completion apply math
# import math
