// mprt_board: the port part of the time module, included by extmod/modtime.c through
// MICROPY_PY_TIME_INCLUDEFILE (set in the board's mpconfigboard.h). ticks_*, sleep* and
// time_ns() use the mp_hal_* functions of mprt_board.c.

#include "py/obj.h"
#include "py/mphal.h"
#include "mprt_board.h"

// time(): seconds since the epoch. The board has no RTC, so the epoch is power-on
// (and time.gmtime(time.time()) would start at 2000-01-01 if it were enabled).
static mp_obj_t mp_time_time_get(void) {
    return mp_obj_new_int_from_uint(mp_hal_ticks_ms() / 1000);
}
