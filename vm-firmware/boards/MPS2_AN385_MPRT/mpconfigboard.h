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


// ---- mprt board support (vm-firmware/modules/mprt_board, issue 6) -------------------------------
// All of it lives in the user C module mprt_board; these are the hooks that plug it in. None of
// them patches MicroPython: each is a configuration macro the core or a port file consults.

// The module `mprt` and everything behind it (gate of the user C module mprt_board).
#define MICROPY_PY_MPRT (1)

// Nominal clock: the MPS2 FPGA's SYSCLK (AN385: 25 MHz), which clocks the CPU, SysTick, the
// CMSDK timers and the dual timer in QEMU's model. machine.freq() reports it.
#define MPRT_BOARD_SYSCLK_HZ (25000000)

// mp_init() runs this at every (soft) reset: RAM vector table, NVIC lines, SysTick, UART RX IRQ.
// mp_deinit() runs the other one at soft reset: stops the timers and the pulse generator and
// masks their IRQs so that no callback runs into a freed heap.
#define MICROPY_PORT_INIT_FUNC mprt_board_init()
#define MICROPY_PORT_DEINIT_FUNC mprt_board_deinit(); mprt_debug_deinit()
void mprt_board_init(void);
void mprt_board_deinit(void);
void mprt_debug_deinit(void);

// Critical sections for the scheduler, the emergency exception buffer and
// machine.disable_irq()/enable_irq(): PRIMASK, as on stm32. (The stock port has none, which is
// fine only while nothing runs in an interrupt.)
#define MICROPY_BEGIN_ATOMIC_SECTION() mprt_board_irq_disable()
#define MICROPY_END_ATOMIC_SECTION(state) mprt_board_irq_restore(state)
static inline uint32_t mprt_board_irq_disable(void) {
    uint32_t state;
    __asm volatile ("mrs %0, primask\n cpsid i" : "=r" (state) : : "memory");
    return state;
}
static inline void mprt_board_irq_restore(uint32_t state) {
    __asm volatile ("msr primask, %0" : : "r" (state) : "memory");
}

// Sleep until the next interrupt (SysTick wakes the core every millisecond at the latest).
#define MICROPY_INTERNAL_WFE(TIMEOUT_MS) __asm volatile ("wfi")

// time: ticks_ms/us/cpu, ticks_add/diff, sleep/sleep_ms/sleep_us from SysTick, and time()
// (seconds since power-on, the board has no RTC) through our include file.
#undef MICROPY_PY_TIME
#define MICROPY_PY_TIME (1)
#define MICROPY_PY_TIME_TIME_TIME_NS (1)
#define MICROPY_PY_TIME_INCLUDEFILE "mprt_modtime.h"

// machine: our include file replaces ports/qemu/modmachine.c (idle() sleeps with wfi; reset()
// still exits QEMU through semihosting). Extra globals: Pin, Timer, unique_id, freq.
#undef MICROPY_PY_MACHINE_INCLUDEFILE
#define MICROPY_PY_MACHINE_INCLUDEFILE "mprt_modmachine.h"
#define MICROPY_PY_MACHINE_DISABLE_IRQ_ENABLE_IRQ (1)
#define MICROPY_PY_MACHINE_EXTRA_GLOBALS \
    { MP_ROM_QSTR(MP_QSTR_Pin), MP_ROM_PTR(&mprt_pin_type) }, \
    { MP_ROM_QSTR(MP_QSTR_Timer), MP_ROM_PTR(&mprt_timer_type) }, \
    { MP_ROM_QSTR(MP_QSTR_unique_id), MP_ROM_PTR(&mprt_machine_unique_id_obj) }, \
    { MP_ROM_QSTR(MP_QSTR_freq), MP_ROM_PTR(&mprt_machine_freq_obj) },

// micropython.alloc_emergency_exception_buf(n) is already there: the stock port enables
// MICROPY_ENABLE_EMERGENCY_EXCEPTION_BUF with the default size 0 ("allocated at run time").

// The port's main.c limits the Python stack to 10 KiB (46 frames); mprt_board_init() raises the
// limit to this, out of the megabytes of stack RAM above the heap (mcu/arm/mps2.ld).
#define MPRT_BOARD_STACK_LIMIT (64 * 1024)

// ---- mprt debug monitor (vm-firmware/modules/mprt_debug, issue 7) -------------------------------
// The module `mprt_debug`: the on-device debug monitor, on UART0 beside the REPL (docs/monitor.md).
// Its VM hooks are sys.settrace's; it serves the host from a static scheduler node. At soft reset
// it detaches and forgets everything (MICROPY_PORT_DEINIT_FUNC above).
#define MICROPY_PY_MPRT_DEBUG (1)
#define MICROPY_SCHEDULER_STATIC_NODES (1)

#endif // MPRT_MPCONFIGBOARD_H
