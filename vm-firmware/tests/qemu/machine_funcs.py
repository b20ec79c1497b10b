# machine and micropython functions of the qemu-mps2-an385 board.
import machine, micropython, sys, time

print("mprt" in sys.implementation._machine)
print(machine.freq())
try:
    machine.freq(48000000)
except ValueError as e:
    print("ValueError:", e)
uid = machine.unique_id()
print(type(uid), len(uid), uid == machine.unique_id())
print(callable(machine.reset), callable(machine.idle), callable(machine.soft_reset))
machine.idle()



@micropython.asm_thumb
def spin(r0):
    label(loop)
    sub(r0, r0, 1)
    bne(loop)


# disable_irq() stops the clock interrupt: ticks_ms stands still until enable_irq().
# (4 million instructions take longer than a millisecond on any host.)
state = machine.disable_irq()
t0 = time.ticks_ms()
spin(2000000)
frozen = time.ticks_ms() == t0
machine.enable_irq(state)
time.sleep_ms(2)
print("masked", frozen, "runs again", time.ticks_diff(time.ticks_ms(), t0) >= 2)
# ticks_us keeps counting while masked (the pending SysTick wrap is accounted for).
state = machine.disable_irq()
u0 = time.ticks_us()
c0 = time.ticks_cpu()
while time.ticks_diff(time.ticks_cpu(), c0) < 25000 // 2:
    pass
d = time.ticks_diff(time.ticks_us(), u0)
machine.enable_irq(state)
print("ticks_us while masked", 400 <= d < 5000)

micropython.alloc_emergency_exception_buf(100)
print("emergency buf ok")


# The Python stack limit is raised from the port's 10 KiB (46 frames).
def depth(n):
    return n if n == 200 else depth(n + 1)


print(depth(0))
