def blink():
    pass


bli<|>nk()
# --- rename 1abc
# error -32600: '1abc' is not a valid name
# --- rename blink-fast
# error -32600: 'blink-fast' is not a valid name
