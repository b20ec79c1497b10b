class Led:
    pass


class Blinker(Led):
    """A LED that blinks.

    Call tick() every millisecond.
    """

    def tick(self):
        pass


b = Blin<|>ker()
# --- hover
# 15: b = [Blinker]()
# ```python
# class Blinker(Led)
# ```
#
# A LED that blinks.
#
# Call tick() every millisecond.
