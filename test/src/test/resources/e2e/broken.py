import time

RATE = const(10)
total = = 0


def broken(:
    pass


class Sensor:
    def read(self):
        return 1


def helper(x):
    return x


return 5
break
