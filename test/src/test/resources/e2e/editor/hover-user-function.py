def blink(times, delay_ms=100):
    """Blink the LED.

    Each blink takes 2 * delay_ms.
    """
    pass


bli<|>nk(3)
# --- hover
# 9: [blink](3)
# ```python
# def blink(times, delay_ms=100)
# ```
#
# Blink the LED.
#
# Each blink takes 2 * delay_ms.
