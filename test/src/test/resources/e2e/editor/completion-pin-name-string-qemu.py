import machine

button = machine.Pin("<|>")
# --- completion
# X1 (Value)
# X2 (Value)
# X3 (Value)
# X4 (Value)
# X5 (Value)
# X6 (Value)
# X7 (Value)
# X8 (Value)
# X9 (Value)
# X10 (Value)
# X11 (Value)
# X12 (Value)
