from machine import Pin, T<|>
# --- completion
# Timer (Class)
