def f():
    ret<|>urn 1
# --- prepareRename
# error -32600: nothing to rename here
# --- hover
# (none)
# --- definition
# (none)
