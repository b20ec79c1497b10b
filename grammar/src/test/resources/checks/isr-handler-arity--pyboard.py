# board: pyboard
# Switch callbacks take no argument, CAN rx callbacks two.
import micropython
import pyb

micropython.alloc_emergency_exception_buf(100)


def pressed():
    pass


def one(x):
    pass


def rx(can, reason):
    pass


pyb.Switch().callback(pressed)
pyb.Switch().callback(one)
can = pyb.CAN(1)
can.rxcallback(0, rx)
can.rxcallback(0, one)
# --- expect
# 22:23-22:26 error isr-handler-arity: function takes 1 positional arguments but 0 were given: Switch.callback calls its handler with no argument (one)
# 25:19-25:22 error isr-handler-arity: function takes 1 positional arguments but 2 were given: CAN.rxcallback calls its handler with the CAN and the reason (one)
