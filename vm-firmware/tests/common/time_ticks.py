# time: ticks_ms/us/cpu, ticks_add/diff, sleep/sleep_ms/sleep_us, time().
# Runs on the unix build and on qemu-mps2-an385 (where the time base is SysTick at 25 MHz).
import time

# ticks arithmetic wraps at the port's period, whatever it is.
print(time.ticks_diff(time.ticks_add(5, -10), 5))
last = time.ticks_add(0, -1)
print(time.ticks_diff(0, last))
print(time.ticks_diff(time.ticks_add(last, 2), last))
print(time.ticks_diff(last, time.ticks_add(last, 2)))


def elapsed_us(fun, arg):
    t0 = time.ticks_us()
    fun(arg)
    return time.ticks_diff(time.ticks_us(), t0)


# A sleep lasts what was asked, give or take a millisecond tick (the unix port counts whole
# milliseconds from the current one, so it can return up to 1 ms early; the board's sleeps end
# at the exact cycle), and not much more (generous slack: the host may be loaded, and QEMU
# without -icount follows host time).
d = elapsed_us(time.sleep_ms, 20)
print("sleep_ms(20)", 19000 <= d < 100000)
d = elapsed_us(time.sleep_us, 500)
print("sleep_us(500)", 500 <= d < 80000)
d = elapsed_us(time.sleep, 0.05)
print("sleep(0.05)", 49000 <= d < 130000)
time.sleep_ms(0)
time.sleep_ms(-1)

# ticks_ms and ticks_us agree.
m0, u0 = time.ticks_ms(), time.ticks_us()
time.sleep_ms(30)
dm, du = time.ticks_diff(time.ticks_ms(), m0), time.ticks_diff(time.ticks_us(), u0)
print("ms vs us", abs(dm * 1000 - du) < 3000)

print("time", time.time() >= 0, time.time_ns() > 0)
