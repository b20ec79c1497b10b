import ma<|>
# --- completion
# machine (Module)
# main (Module)
# math (Module)
# --- completion apply math
# import math
