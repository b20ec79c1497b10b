def outer():
    x = 1

    def inner():
        x = 2
        nonlocal x

    def fine():
        nonlocal x
        x = 3
# --- expect
# 6:9-6:19 error syntax-redefined-nonlocal: identifier redefined as nonlocal
