// mprt board configuration for MicroPython 1.25's qemu port, board MPS2_AN385
// (QEMU machine mps2-an385, Cortex-M3, ARMv7-M, Thumb-2).
//
// py/mpconfig.h includes this file (via -DMP_CONFIGFILE, set in
// mpconfigboard.mk) in place of <mpconfigport.h>. We include the port's own
// configuration first and then add or override options. An option that
// mpconfigport.h already defines must be #undef'd before it is redefined
// (the port builds with -Werror, and a redefinition would be a warning).
#ifndef MPRT_MPCONFIGBOARD_H
#define MPRT_MPCONFIGBOARD_H

#include <mpconfigport.h>

// Name reported by sys.implementation._machine / the REPL banner
// ("MicroPython v1.25.0 on <date>; mps2-an385 (mprt) with Cortex-M3").
#undef MICROPY_HW_BOARD_NAME
#define MICROPY_HW_BOARD_NAME "mps2-an385 (mprt)"

// sys.settrace(): the hook the mprt debugger uses for breakpoints/stepping on
// the device. py/mpconfig.h then also turns on MICROPY_PERSISTENT_CODE_SAVE
// (py/profile.c requires it) and the full code object (co_* attributes).
// Only bytecode frames are traced; native/viper/asm_thumb functions are not.
#define MICROPY_PY_SYS_SETTRACE (1)

// Native code emitters. The stock mpconfigport.h already enables, for a
// Thumb-only ISA (Cortex-M3): MICROPY_EMIT_THUMB (=> @micropython.native and
// @micropython.viper) and MICROPY_EMIT_INLINE_THUMB (=> @micropython.asm_thumb).
// Fail loudly if an upstream change ever drops them.
#if !MICROPY_EMIT_THUMB
#error "mprt: MICROPY_EMIT_THUMB (native/viper) must be enabled"
#endif
#if !MICROPY_EMIT_INLINE_THUMB
#error "mprt: MICROPY_EMIT_INLINE_THUMB (asm_thumb) must be enabled"
#endif

#endif // MPRT_MPCONFIGBOARD_H
