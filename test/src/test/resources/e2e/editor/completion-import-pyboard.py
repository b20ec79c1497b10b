import <|>
# --- board pyboard
# --- completion includes
# pyb (Module)
# stm (Module)
# machine (Module)
# lcd160cr (Module)
# --- completion excludes
# rp2
# esp32
