# mprt_board: board support for mprt's qemu-mps2-an385 firmware (MicroPython user C module).
#
# vm-firmware/build.sh passes USER_C_MODULES=vm-firmware/modules to every build, but this
# module is for one board: only when the board's mpconfigboard.mk has set
# MPRT_BOARD_MPS2_AN385 = 1 does it add sources and linker flags. Other builds (the unix
# variant) get nothing from it. The C code is also gated by MICROPY_PY_MPRT.
MPRT_BOARD_MOD_DIR := $(USERMOD_DIR)

ifeq ($(MPRT_BOARD_MPS2_AN385),1)

SRC_USERMOD_C += $(MPRT_BOARD_MOD_DIR)/mprt_board.c
SRC_USERMOD_C += $(MPRT_BOARD_MOD_DIR)/mprt_uart.c
SRC_USERMOD_C += $(MPRT_BOARD_MOD_DIR)/mprt_timer.c
SRC_USERMOD_C += $(MPRT_BOARD_MOD_DIR)/mprt_pin.c

# mprt_modtime.h and mprt_modmachine.h are included by extmod/modtime.c and extmod/modmachine.c.
CFLAGS_USERMOD += -I$(MPRT_BOARD_MOD_DIR)

# stdin comes from the UART receive interrupt's ring buffer: every call of the port's
# mp_hal_stdin_rx_chr() from another object file (readline, pyexec, sys.stdin) is linked to
# __wrap_mp_hal_stdin_rx_chr() in mprt_uart.c instead. No MicroPython source is changed.
LDFLAGS_USERMOD += -Wl,--wrap=mp_hal_stdin_rx_chr

endif
