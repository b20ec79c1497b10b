from machine import Pin
from time import sleep_ms


<|>
# --- completion includes
# Pin (Class)
# sleep_ms (Function)
