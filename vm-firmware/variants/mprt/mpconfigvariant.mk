# mprt variant of the unix port: which optional libraries are built in.
# These assignments come after ports/unix/mpconfigport.mk, so they override it
# (a `make VAR=...` on the command line still wins).
#
# Debian's +ds source tree has every git submodule under lib/ empty, so the
# features that need one are turned off:
# - btree needs lib/berkeley-db-1.xx
MICROPY_PY_BTREE = 0
# - ssl needs lib/axtls or lib/mbedtls
MICROPY_PY_SSL = 0
MICROPY_SSL_AXTLS = 0
MICROPY_SSL_MBEDTLS = 0
# - ffi uses the system libffi (libffi-dev, found with pkg-config), not lib/libffi
MICROPY_PY_FFI = 1
MICROPY_STANDALONE = 0

# Frozen modules: our own manifest (asyncio from extmod/, which is in the tree).
# The port's variants/manifest.py, used by the standard variant, requires
# micropython-lib packages (unix-ffi, mip-cmdline, ssl) that the +ds tree lacks.
FROZEN_MANIFEST ?= $(VARIANT_DIR)/manifest.py

# The on-device debug monitor (vm-firmware/modules/mprt_debug): tells its micropython.mk to build it,
# with the unix build's debug link (stdin/stdout, mprt_debug_unix.c).
MPRT_DEBUG = 1
MPRT_DEBUG_UNIX = 1
