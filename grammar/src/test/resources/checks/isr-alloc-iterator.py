# Comprehensions, generators, range() as an object, enumerate/zip allocate; for over range(...) does not.
import micropython
from machine import Timer

micropython.alloc_emergency_exception_buf(100)

data = bytearray(4)


def gen():
    yield 1


def on_tick(t):
    for i in range(4):         # a counter loop: fine
        data[i] = i
    for b in data:             # iterating a bytearray: fine
        pass
    r = range(4)               # a range object
    s = [x for x in data]      # comprehension
    g = gen()                  # a generator object
    for i, v in enumerate(data):
        pass


Timer(-1, period=10, callback=on_tick)
# --- expect
# 19:9-19:17 error isr-alloc-iterator: range() used as an object (not directly in a for loop) creates a range object; in a hard interrupt handler the heap is locked: MemoryError
# 20:9-20:26 error isr-alloc-iterator: a list comprehension builds a new list; in a hard interrupt handler the heap is locked: MemoryError
# 21:9-21:14 error isr-alloc-iterator: calling the generator function gen() creates a generator object; in a hard interrupt handler the heap is locked: MemoryError
# 22:17-22:32 error isr-alloc-iterator: enumerate() creates a new iterator object; in a hard interrupt handler the heap is locked: MemoryError
