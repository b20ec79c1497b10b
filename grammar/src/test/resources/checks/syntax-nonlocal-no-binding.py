g = 1


def outer():
    def inner():
        nonlocal g

    def later():
        nonlocal y
    y = 2
# --- expect
# 6:9-6:19 error syntax-nonlocal-no-binding: no binding for nonlocal found
