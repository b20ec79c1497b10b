from machine import Pin

p = Pi<|>n('X1', Pin.OUT)
# --- prepareRename
# error -32600: 'Pin' is defined by the board's stubs (machine), not by this workspace
# --- rename MyPin
# error -32600: 'Pin' is defined by the board's stubs (machine), not by this workspace
