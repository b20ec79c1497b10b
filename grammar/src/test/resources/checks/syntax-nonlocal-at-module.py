nonlocal x


def outer():
    x = 1

    def inner():
        nonlocal x
        x += 1
# --- expect
# 1:1-1:11 error syntax-nonlocal-at-module: can't declare nonlocal in outer code
