# mprt_debug: the on-device debug monitor (MicroPython user C module). See docs/monitor.md.
#
# A build enables it with `MPRT_DEBUG = 1` in its .mk (our board's mpconfigboard.mk and the unix
# variant's mpconfigvariant.mk do) and `#define MICROPY_PY_MPRT_DEBUG (1)` plus
# `#define MICROPY_SCHEDULER_STATIC_NODES (1)` in its C configuration; it needs
# MICROPY_PY_SYS_SETTRACE. Other builds that see this folder through USER_C_MODULES get nothing.
MPRT_DEBUG_MOD_DIR := $(USERMOD_DIR)

ifeq ($(MPRT_DEBUG),1)

SRC_USERMOD_C += $(MPRT_DEBUG_MOD_DIR)/mprt_debug.c
SRC_USERMOD_C += $(MPRT_DEBUG_MOD_DIR)/mprt_debug_port.c
CFLAGS_USERMOD += -I$(MPRT_DEBUG_MOD_DIR)

# The VM hooks: py/vm.c's calls of the settrace functions, the traceback hook that sees every
# exception, and gc_collect (timed for the memory statistics) are linked to this module's
# __wrap_ functions, which call the originals (__real_) when the monitor is not attached.
LDFLAGS_USERMOD += -Wl,--wrap=mp_prof_frame_enter -Wl,--wrap=mp_prof_frame_update
LDFLAGS_USERMOD += -Wl,--wrap=mp_prof_instr_tick -Wl,--wrap=mp_obj_exception_add_traceback
LDFLAGS_USERMOD += -Wl,--wrap=gc_collect
# `import` of uploaded files (MICROPY_VFS builds: the qemu board and unix): see mprt_debug.c.
LDFLAGS_USERMOD += -Wl,--wrap=mp_vfs_import_stat -Wl,--wrap=mp_lexer_new_from_file

# The debug link on mprt's emulated board (UART0, shared with the REPL; hard-handler timing).
ifeq ($(MPRT_BOARD_MPS2_AN385),1)
SRC_USERMOD_C += $(MPRT_DEBUG_MOD_DIR)/mprt_debug_mps2.c
LDFLAGS_USERMOD += -Wl,--wrap=mprt_uart_rx_irq -Wl,--wrap=mprt_board_call_hard
endif

# The debug link of the unix build (stdin/stdout, a reader thread): the REPL's stdin reads, the
# terminal mode switches and the interrupt character go through mprt_debug_unix.c.
ifeq ($(MPRT_DEBUG_UNIX),1)
SRC_USERMOD_C += $(MPRT_DEBUG_MOD_DIR)/mprt_debug_unix.c
LDFLAGS_USERMOD += -Wl,--wrap=mp_hal_stdin_rx_chr -Wl,--wrap=mp_hal_set_interrupt_char
LDFLAGS_USERMOD += -Wl,--wrap=mp_hal_stdio_mode_raw -Wl,--wrap=mp_hal_stdio_mode_orig
endif

endif
