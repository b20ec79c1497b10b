# Handlers must take what their API passes: one argument for Pin and Timer; bound methods do not count self.
import micropython
from machine import Pin, Timer

micropython.alloc_emergency_exception_buf(100)


def no_args():
    pass


def one(p):
    pass


def two(a, b):
    pass


def with_default(a, b=0):
    pass


class Sensor:
    def on_edge(self, pin):
        pass

    def wrong(self):
        pass


s = Sensor()
Pin("X4").irq(no_args)
Pin("X4").irq(one)
Timer(-1, period=10, callback=two)
Timer(-1, period=10, callback=with_default)
Pin("X4").irq(handler=s.on_edge)
Pin("X4").irq(handler=s.wrong)
micropython.schedule(lambda: 0, 1)
# --- expect
# 33:15-33:22 error isr-handler-arity: function takes 0 positional arguments but 1 were given: Pin.irq calls its handler with the Pin (no_args)
# 35:31-35:34 error isr-handler-arity: function takes 2 positional arguments but 1 were given: machine.Timer callback calls its handler with the Timer (two)
# 38:23-38:30 error isr-handler-arity: function takes 0 positional arguments but 1 were given: Pin.irq calls its handler with the Pin (wrong, a bound method: self is not counted)
# 39:22-39:31 error isr-handler-arity: function takes 0 positional arguments but 1 were given: micropython.schedule calls its handler with its second argument (<lambda>)
