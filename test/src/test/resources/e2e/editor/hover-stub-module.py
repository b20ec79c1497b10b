import mach<|>ine
# --- hover
# 1: import [machine]
# ```python
# module machine
# ```
#
# Functions related to the hardware.
#
# The `machine` module contains specific functions related to the hardware
# ...
# *machine* (board stub)
# --- definition
# stub qemu-mps2-an385/machine.pyi: []# machine.pyi: MicroPython 1.25.0 API stubs for the mprt board 'qemu-mps2-an385'
