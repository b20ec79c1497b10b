def blink(n):
    return n + 1


def run(blink_count):
    # blink is called twice
    blink(blink_count)
    return bli<|>nk(2)


class Led:
    def blink(self):
        return "blink"
# --- references
# 1: def [blink](n):
# 7:     [blink](blink_count)
# 8:     return [blink](2)
# --- highlight
# 1: def [blink](n):
# 7:     [blink](blink_count)
# 8:     return [blink](2)
# --- prepareRename
# 8:     return [blink](2)
# --- rename flash
# main.py:1: def [flash](n):
# main.py:7:     [flash](blink_count)
# main.py:8:     return [flash](2)
