def blink(times, delay_ms=100):
    pass


def scale(x, factor):
    return x * factor


blink(scale(2, <|>), 5)
# --- signature
# scale(x, [factor])
