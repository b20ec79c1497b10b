# Blink the LED
import micropython


@micropython.native
def blink(count):
    return count + 1


class Led:
    state = "off"
