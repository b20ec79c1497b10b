from machine import Pin


def on_edge(pin: Pin):
    pi<|>n.value()
# --- hover
# 5:     [pin].value()
# ```python
# (parameter) pin: Pin
# ```
