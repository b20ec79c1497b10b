# Thumb inline assembler on the board, timed with ticks_cpu (SYSCLK cycles).
import time


@micropython.asm_thumb
def spin(r0):
    label(loop)
    sub(r0, r0, 1)
    bne(loop)


@micropython.asm_thumb
def add3(r0, r1, r2):
    add(r0, r0, r1)
    add(r0, r0, r2)


print(add3(1, 2, 3))
c0 = time.ticks_cpu()
spin(100000)
print(time.ticks_diff(time.ticks_cpu(), c0) > 0)
