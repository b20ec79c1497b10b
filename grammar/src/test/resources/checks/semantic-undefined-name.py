# Names nothing binds: NameError when the line runs. Builtins, const, @micropython decorators and names bound
# later in the module (functions called after) are fine; so is a NameError the code expects.
import time

LIMIT = const(10)


@micropython.native
def tick():
    return time.ticks_ms() + LIMIT + later


later = 1
print(undefined_thing, len([]), ViperTypeError)

try:
    maybe_missing
except NameError:
    pass
# --- expect
# 14:7-14:22 error semantic-undefined-name: name 'undefined_thing' isn't defined
