from machine import Pin

led = Pin('GP1<|>', Pin.OUT)
# --- board rp2-pico
# --- completion includes
# GP1 (Value)
# GP15 (Value)
# --- completion excludes
# GP2
# X4
# print
