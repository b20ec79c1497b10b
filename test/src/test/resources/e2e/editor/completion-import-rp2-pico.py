import <|>
# --- board rp2-pico
# --- completion includes
# rp2 (Module)
# machine (Module)
# neopixel (Module)
# _thread (Module)
# --- completion excludes
# pyb
# stm
# esp32
