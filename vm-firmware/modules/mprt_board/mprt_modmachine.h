// mprt_board: the port part of the machine module, included by extmod/modmachine.c through
// MICROPY_PY_MACHINE_INCLUDEFILE (set in the board's mpconfigboard.h) in place of the qemu
// port's modmachine.c. Pin, Timer, unique_id and freq are added to the module's globals by
// MICROPY_PY_MACHINE_EXTRA_GLOBALS and defined in this module's .c files.

#include <stdlib.h>

#include "mprt_board.h"

static void mp_machine_idle(void) {
    // Sleep until the next interrupt (at most a millisecond: SysTick).
    __asm volatile ("wfi");
}

#if MICROPY_PY_MACHINE_RESET

static void mp_machine_reset(void) {
    // As in the stock port: exit QEMU through semihosting (status 0). QEMU cannot restart the
    // firmware with its UART still on the same pty, and a run that ends is what scripts and
    // tests that pipe into the board expect.
    exit(0);
}

static mp_int_t mp_machine_reset_cause(void) {
    return 0;
}

#endif
