# mprt board definition for MicroPython's qemu port: ARM MPS2 AN385 (Cortex-M3),
# QEMU machine `mps2-an385`. Used out of tree via
#   make -C ports/qemu BOARD=MPS2_AN385_MPRT BOARD_DIR=<this folder> ...
# (vm-firmware/build.sh does this). Derived from the stock
# ports/qemu/boards/MPS2_AN385/mpconfigboard.mk, which is included as is so that
# upstream fixes to the stock board keep applying; only additions follow.
include $(TOP)/ports/qemu/boards/MPS2_AN385/mpconfigboard.mk

# Our C configuration header: py/mpconfig.h includes MP_CONFIGFILE instead of
# <mpconfigport.h>; ours includes the port's mpconfigport.h first and then
# adds/overrides options (see mpconfigboard.h for each option and why).
CFLAGS += -DMP_CONFIGFILE='"$(BOARD_DIR)/mpconfigboard.h"'
# Regenerate qstrs when our header changes (as ports do for their variant headers).
QSTR_GLOBAL_DEPENDENCIES += $(BOARD_DIR)/mpconfigboard.h

# GC heap: 1 MiB instead of the port's 140 KiB. The board has 4 MiB of RAM at
# 0x00000000 (mcu/arm/mps2.ld), and sys.settrace allocates a frame object per
# traced call, so a debugger session needs more headroom than the test suite.
# (Set before ports/qemu/Makefile's `MICROPY_HEAP_SIZE ?= 143360`, so it wins;
# still overridable with `make MICROPY_HEAP_SIZE=...`.)
MICROPY_HEAP_SIZE ?= 1048576

# Frozen modules: the stock port freezes `require('unittest')` from
# micropython-lib, which is empty in Debian's +ds source tree. Our manifest
# freezes only the port's own test fixtures (no micropython-lib needed).
FROZEN_MANIFEST ?= $(BOARD_DIR)/manifest.py

# ---- mprt board support (vm-firmware/modules/mprt_board, issue 6) ----------------------------
# Tells the user C module vm-firmware/modules/mprt_board/micropython.mk that it is building for
# this board: it then adds its sources and the linker flags (it adds nothing for other builds,
# such as the unix variant, which sees the same USER_C_MODULES folder).
MPRT_BOARD_MPS2_AN385 = 1
# Pin.irq() returns MicroPython's generic irq object (hard/soft dispatch, flags(), trigger()).
# The qemu port does not build shared/runtime/mpirq.c itself.
SRC_C += shared/runtime/mpirq.c

# ---- mprt debug monitor (vm-firmware/modules/mprt_debug, issue 7) ------------------------------
# Tells the user C module vm-firmware/modules/mprt_debug/micropython.mk to build the monitor (with
# the UART link of this board, since MPRT_BOARD_MPS2_AN385 is set too).
MPRT_DEBUG = 1
