from machine import Pin

sw = Pin(Pin.board.X<|>)
# --- board pyboard
# --- completion includes
# X4 (Constant)
# X12 (Constant)
# --- completion excludes
# GP15
# A0
