# Thumb inline assembler on the board: arithmetic, and a counted loop that must run to completion.
# (Timing it with ticks_cpu was flaky without -icount: QEMU's clock follows the host's, see docs/firmware.md.)


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
print(spin(100000))
