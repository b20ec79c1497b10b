def blink(times, delay_ms=100):
    pass


blink(3, <|>)
# --- signature
# blink(times, [delay_ms=100])
