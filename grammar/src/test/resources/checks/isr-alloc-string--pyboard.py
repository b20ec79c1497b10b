# board: pyboard
# C methods that return new bytes (UART.read) allocate; readinto fills a preallocated buffer.
import micropython
import pyb

micropython.alloc_emergency_exception_buf(100)

uart = pyb.UART(1, 9600)
buf = bytearray(4)


def on_tick(t):
    data = uart.read(4)
    n = uart.readinto(buf)


pyb.Timer(4, freq=10, callback=on_tick)
# --- expect
# 13:12-13:24 error isr-alloc-string: UART.read() returns a new bytes object (readinto() fills a preallocated buffer); in a hard interrupt handler the heap is locked: MemoryError
