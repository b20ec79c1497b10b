import time

RATE = const(10)
name = "sensor"


class Sensor:
    LIMIT = 3

    def __init__(self):
        self.value = 0

    def read(self):
        return self.value + 1 * 2


def helper(x):
    return x
