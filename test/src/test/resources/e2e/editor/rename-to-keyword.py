def blink():
    pass


bli<|>nk()
# --- rename for
# error -32600: 'for' is not a valid name
