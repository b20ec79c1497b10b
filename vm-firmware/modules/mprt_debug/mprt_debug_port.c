// mprt_debug: the default port functions (weak), for ports without a debug link of their own,
// such as the unix build: there the link is mprt_debug.feed() (attach(loopback=True)). A board
// with a link overrides all of them (mprt_debug_mps2.c does for mprt's emulated board).

#include "py/runtime.h"
#include "py/mphal.h"
#include "mprt_debug.h"

#if MICROPY_PY_MPRT_DEBUG

MP_WEAK void mprt_debug_port_tx(const uint8_t *data, size_t len) {
    mp_hal_stdout_tx_strn((const char *)data, len);
}

MP_WEAK uint32_t mprt_debug_port_ticks(void) {
    return mp_hal_ticks_us();
}

MP_WEAK uint32_t mprt_debug_port_tick_hz(void) {
    return 1000000;
}

MP_WEAK bool mprt_debug_port_in_isr(void) {
    return false;
}

MP_WEAK void mprt_debug_port_listen(bool on) {
    (void)on;
}

MP_WEAK void mprt_debug_port_wait(void) {
}

MP_WEAK void mprt_debug_port_interrupt(void) {
    mp_sched_keyboard_interrupt();
}

MP_WEAK const char *mprt_debug_port_board(void) {
    #ifdef MICROPY_HW_BOARD_NAME
    return MICROPY_HW_BOARD_NAME;
    #else
    return MICROPY_PY_SYS_PLATFORM;
    #endif
}

MP_WEAK bool mprt_debug_port_has_link(void) {
    return false;
}

MP_WEAK bool mprt_debug_port_program_running(void) {
    return false;
}

MP_WEAK void mprt_debug_port_soft_reset(void) {
    mp_sched_exception(mp_obj_new_exception(&mp_type_SystemExit));
}

#endif // MICROPY_PY_MPRT_DEBUG
