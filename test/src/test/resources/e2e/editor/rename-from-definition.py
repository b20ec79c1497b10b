def bl<|>ink(n):
    return n + 1


def run():
    return blink(blink(1))
# --- prepareRename
# 1: def [blink](n):
# --- rename flash
# main.py:1: def [flash](n):
# main.py:6:     return [flash]([flash](1))
