# Both builds have the native and viper emitters and sys.settrace.
import micropython, sys


@micropython.native
def native_sum(n):
    s = 0
    for i in range(n):
        s += i
    return s


@micropython.viper
def viper_sum(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


print(native_sum(100), viper_sum(100))

events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced":
        events.append((event, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


def traced(a):
    b = a + 1
    return b


sys.settrace(tracer)
traced(1)
sys.settrace(None)
print(events)
