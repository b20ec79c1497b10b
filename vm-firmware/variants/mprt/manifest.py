# Frozen modules for the mprt unix firmware: asyncio, from the MicroPython tree.
#
# Not the port's variants/manifest.py: that one requires micropython-lib
# packages (unix-ffi, mip-cmdline, ssl), and micropython-lib is an empty
# submodule in Debian's +ds source tree.
include("$(MPY_DIR)/extmod/asyncio")
