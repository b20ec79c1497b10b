from machine import Pin

p = Pi<|>n('X1', Pin.IN)
# --- hover
# 3: p = [Pin]('X1', Pin.IN)
# ```python
# class Pin
# ```
#
# Access the pin peripheral (GPIO pin) associated with the given `id`.  If
# additional arguments are given in the constructor then they are used to initialise
# the pin.  Any settings that are not specified will remain in their previous state.
# ...
# `Pin.OPEN_DRAIN`, the alternate function will be removed from the pin.
#
# *machine* (board stub)
