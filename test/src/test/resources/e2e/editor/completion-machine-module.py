import machine

machine.<|>
# --- completion
# mem8 (Variable)
# mem16 (Variable)
# mem32 (Variable)
# unique_id (Function)
# soft_reset (Function)
# reset (Function)
# reset_cause (Function)
# idle (Function)
# freq (Function)
# disable_irq (Function)
# enable_irq (Function)
# PinBase (Class)
# Signal (Class)
# Timer (Class)
# Pin (Class)
# --- resolve freq
# ```python
# def freq(hz=..., /) -> Any
# ```
#
# Returns the CPU frequency in hertz.
#
# On some ports this can also be used to set the CPU frequency by passing in *hz*.
#
# *machine* (board stub)
# --- resolve Pin
# ```python
# class Pin
# ```
#
# Access the pin peripheral (GPIO pin) associated with the given `id`.  If
# ...
# *machine* (board stub)
