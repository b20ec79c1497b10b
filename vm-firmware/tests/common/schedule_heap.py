# micropython.schedule and the heap lock: the two halves of the hard-IRQ contract.
import micropython

seen = []


def later(arg):
    seen.append(arg)


micropython.schedule(later, 1)
micropython.schedule(later, 2)
# Scheduled functions run at the next check, in order (a backward jump is one).
for i in range(3):
    pass
print(seen)

# The queue is bounded (MICROPY_SCHEDULER_DEPTH); a full queue raises RuntimeError.
# (Straight-line code: a loop would run the queue at each backward jump.)
full = False
try:
    micropython.schedule(later, 3)
    micropython.schedule(later, 4)
    micropython.schedule(later, 5)
    micropython.schedule(later, 6)
    micropython.schedule(later, 7)
    micropython.schedule(later, 8)
    micropython.schedule(later, 9)
    micropython.schedule(later, 10)
    micropython.schedule(later, 11)
except RuntimeError as e:
    full = True
    print("RuntimeError:", e)
for i in range(3):
    pass
print(full, len(seen) > 2)

# With the heap locked (as in a hard interrupt handler) allocation raises MemoryError,
# while small-int arithmetic and preallocated buffers still work.
buf = bytearray(4)
micropython.heap_lock()
try:
    x = [1, 2, 3]
except MemoryError:
    print("MemoryError")
buf[0] = 1 + 2
micropython.heap_unlock()
print(buf[0])
