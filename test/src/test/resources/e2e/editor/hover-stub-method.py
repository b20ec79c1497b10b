from machine import Pin

p = Pin('X1', Pin.IN)
p.ir<|>q(None)
# --- hover
# 4: p.[irq](None)
# ```python
# def Pin.irq(self, handler: Callable[..., Any] | None = None, trigger: int = ..., *, hard: bool = False) -> Any
# ```
#
# Configure an interrupt handler to be called when the trigger source of the
# pin is active.  If the pin mode is `Pin.IN` then the trigger source is
# ...
# This method returns a callback object.
#
# *machine* (board stub)
