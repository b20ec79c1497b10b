// mprt_board: start-up and soft-reset hooks, the RAM vector table, the SysTick time base
// (time.ticks_*, sleep), the hard-callback helper, machine.unique_id/freq and the `mprt` module.
//
// See mprt_board.h for the hardware this drives and vm-firmware/README.md for the design.

#include "py/runtime.h"
#include "py/gc.h"
#include "py/mphal.h"
#include "py/stackctrl.h"
#include "mprt_board.h"

#if MICROPY_PY_MPRT

// SysTick interrupts once per millisecond.
#define MPRT_CYCLES_PER_MS (MPRT_BOARD_SYSCLK_HZ / 1000)

// The 16 core exception vectors followed by the 32 NVIC lines. VTOR needs the table aligned to
// its size rounded up to a power of two: 48 words -> 256 bytes. The port's own table
// (mcu/arm/startup.c) has only the 16 core entries, so no NVIC line may be enabled before
// VTOR points here.
#define MPRT_VECTORS (16 + MPRT_IRQ_NUM)
static uint32_t mprt_board_vectors[MPRT_VECTORS] __attribute__((aligned(256)));

static volatile uint32_t mprt_board_ms;
static bool mprt_board_started;

static void mprt_board_unused_irq(void) {
    // An NVIC line fired that nothing enabled: mask it rather than hang.
    uint32_t ipsr;
    __asm volatile ("mrs %0, ipsr" : "=r" (ipsr));
    if (ipsr >= 16) {
        mprt_board_disable_irq(ipsr - 16);
    }
}

static void mprt_board_systick_irq(void) {
    mprt_board_ms += 1;
}

void mprt_board_enable_irq(uint32_t irq, uint8_t prio) {
    MPRT_NVIC_IPR8(irq) = prio;
    MPRT_NVIC_ICPR = 1u << irq;
    MPRT_NVIC_ISER = 1u << irq;
}

void mprt_board_disable_irq(uint32_t irq) {
    MPRT_NVIC_ICER = 1u << irq;
    __asm volatile ("dsb\n isb" : : : "memory");
}

static void mprt_board_start(void) {
    // Once per power-on: the vector table and the time base survive soft resets.
    const uint32_t *core = (const uint32_t *)MPRT_SCB_VTOR;
    for (size_t i = 0; i < 16; ++i) {
        mprt_board_vectors[i] = core[i];
    }
    for (size_t i = 16; i < MPRT_VECTORS; ++i) {
        mprt_board_vectors[i] = (uint32_t)mprt_board_unused_irq;
    }
    mprt_board_vectors[15] = (uint32_t)mprt_board_systick_irq;
    mprt_board_vectors[16 + MPRT_IRQ_UART0_RX] = (uint32_t)mprt_uart_rx_irq;
    mprt_board_vectors[16 + MPRT_IRQ_TIMER0] = (uint32_t)mprt_timer0_irq;
    mprt_board_vectors[16 + MPRT_IRQ_TIMER1] = (uint32_t)mprt_timer1_irq;
    mprt_board_vectors[16 + MPRT_IRQ_DUALTIMER] = (uint32_t)mprt_pin_pulse_irq;
    __asm volatile ("dsb" : : : "memory");
    MPRT_SCB_VTOR = (uint32_t)mprt_board_vectors;
    __asm volatile ("dsb\n isb" : : : "memory");

    // SysTick from the processor clock (CLKSOURCE=1), interrupt every millisecond.
    MPRT_SCB_SHPR3 = (MPRT_SCB_SHPR3 & 0x00ffffff) | ((uint32_t)MPRT_PRIO_SYSTICK << 24);
    MPRT_SYST_RVR = MPRT_CYCLES_PER_MS - 1;
    MPRT_SYST_CVR = 0;
    MPRT_SYST_CSR = 7; // ENABLE | TICKINT | CLKSOURCE
    __asm volatile ("cpsie i" : : : "memory");
}

void mprt_board_init(void) {
    if (!mprt_board_started) {
        mprt_board_start();
        mprt_board_started = true;
    }
    // main.c sets 10 KiB (46 Python frames); there are megabytes of stack above the heap.
    mp_stack_set_limit(MPRT_BOARD_STACK_LIMIT);
    mprt_uart_init();
    mprt_pin_init_all();
    mprt_board_enable_irq(MPRT_IRQ_TIMER0, MPRT_PRIO_TIMER);
    mprt_board_enable_irq(MPRT_IRQ_TIMER1, MPRT_PRIO_TIMER);
    mprt_board_enable_irq(MPRT_IRQ_DUALTIMER, MPRT_PRIO_TIMER);
}

void mprt_board_deinit(void) {
    // Soft reset: nothing may call back into the heap that is about to be swept.
    mprt_timer_deinit_all();
    mprt_pin_deinit_all();
}

// ---- time base ------------------------------------------------------------------------------

uint64_t mprt_board_udiv64(uint64_t n, uint32_t d) {
    // Shift-and-subtract: libgcc's 64-bit division would bring in .ARM.exidx unwind tables,
    // which the port's linker script (mcu/arm/mps2.ld) does not place.
    uint64_t q = 0;
    uint64_t r = 0;
    for (int i = 63; i >= 0; --i) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << i;
        }
    }
    return q;
}

uint64_t mprt_board_cycles(void) {
    static uint64_t last;
    uint32_t state = mprt_board_irq_disable();
    uint32_t ms = mprt_board_ms;
    uint32_t val = MPRT_SYST_CVR;
    if (MPRT_SCB_ICSR & MPRT_SCB_ICSR_PENDSTSET) {
        // The counter wrapped but its interrupt has not run yet (IRQs masked, or we are in a
        // handler of the same or higher priority): count that millisecond here. Re-read the
        // counter, which is now certainly past the wrap.
        ms += 1;
        val = MPRT_SYST_CVR;
    }
    uint64_t now = (uint64_t)ms * MPRT_CYCLES_PER_MS + (MPRT_CYCLES_PER_MS - 1 - val);
    if (now < last) {
        // QEMU computes the counter from virtual time when it is read, but raises the wrap's
        // interrupt (and PENDSTSET) only when its timer callback runs, which without -icount
        // can be a little later: the counter has already reloaded while the millisecond has
        // not been counted. Count it here, and never let the time base run backwards.
        now += MPRT_CYCLES_PER_MS;
        if (now < last) {
            now = last;
        }
    }
    last = now;
    mprt_board_irq_restore(state);
    return now;
}

mp_uint_t mp_hal_ticks_ms(void) {
    return mprt_board_ms;
}

mp_uint_t mp_hal_ticks_us(void) {
    return (mp_uint_t)mprt_board_udiv64(mprt_board_cycles(), MPRT_BOARD_SYSCLK_HZ / 1000000);
}

mp_uint_t mp_hal_ticks_cpu(void) {
    return (mp_uint_t)mprt_board_cycles();
}

uint64_t mp_hal_time_ns(void) {
    // No RTC on this board: the epoch is power-on.
    return mprt_board_cycles() * (1000000000 / MPRT_BOARD_SYSCLK_HZ);
}

static void mprt_board_delay_cycles(uint64_t cycles) {
    // Sleep (handling scheduled callbacks and Ctrl-C) while at least a millisecond remains, then
    // spin to the deadline, so a delay is exact to a few cycles rather than to the tick.
    uint64_t deadline = mprt_board_cycles() + cycles;
    for (;;) {
        uint64_t now = mprt_board_cycles();
        if (now >= deadline) {
            return;
        }
        if (deadline - now > MPRT_CYCLES_PER_MS) {
            mp_event_wait_ms(1);
        }
    }
}

void mp_hal_delay_ms(mp_uint_t ms) {
    mprt_board_delay_cycles((uint64_t)ms * MPRT_CYCLES_PER_MS);
}

void mp_hal_delay_us(mp_uint_t us) {
    mprt_board_delay_cycles((uint64_t)us * (MPRT_BOARD_SYSCLK_HZ / 1000000));
}

// ---- hard callbacks -------------------------------------------------------------------------

bool mprt_board_call_hard(mp_obj_t handler, mp_obj_t arg, const char *what) {
    // As shared/runtime/mpirq.c does for a hard IRQ: no scheduled callbacks and no heap while
    // the handler runs in interrupt context.
    bool ok = true;
    mp_sched_lock();
    gc_lock();
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_call_function_1(handler, arg);
        nlr_pop();
    } else if (nlr.ret_val == MP_OBJ_TO_PTR(&MP_STATE_VM(mp_kbd_exception))) {
        // Ctrl-C was meant for the main program; the handler only happened to be running.
        mp_sched_keyboard_interrupt();
    } else {
        ok = false;
        mp_printf(MICROPY_ERROR_PRINTER, "Uncaught exception in %s callback\n", what);
        mp_obj_print_exception(MICROPY_ERROR_PRINTER, MP_OBJ_FROM_PTR(nlr.ret_val));
    }
    gc_unlock();
    mp_sched_unlock();
    return ok;
}

// ---- machine.unique_id(), machine.freq() ----------------------------------------------------

static mp_obj_t mprt_machine_unique_id(void) {
    // QEMU has no serial number: the CPUID and the FPGA image's SCC ID (0x4002fffc) identify the
    // board model, the same on every instance.
    uint32_t id[2] = { MPRT_SCB_CPUID, MPRT_REG(0x4002fffc) };
    return mp_obj_new_bytes((const byte *)id, sizeof(id));
}
MP_DEFINE_CONST_FUN_OBJ_0(mprt_machine_unique_id_obj, mprt_machine_unique_id);

static mp_obj_t mprt_machine_freq(size_t n_args, const mp_obj_t *args) {
    if (n_args == 1 && mp_obj_get_int(args[0]) != MPRT_BOARD_SYSCLK_HZ) {
        mp_raise_ValueError(MP_ERROR_TEXT("frequency is fixed"));
    }
    return n_args == 0 ? MP_OBJ_NEW_SMALL_INT(MPRT_BOARD_SYSCLK_HZ) : mp_const_none;
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mprt_machine_freq_obj, 0, 1, mprt_machine_freq);

// ---- the mprt module ------------------------------------------------------------------------

static mp_obj_t mprt_cycles(void) {
    return mp_obj_new_int_from_ull(mprt_board_cycles());
}
static MP_DEFINE_CONST_FUN_OBJ_0(mprt_cycles_obj, mprt_cycles);

static const mp_rom_map_elem_t mprt_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_mprt) },
    { MP_ROM_QSTR(MP_QSTR_SYSCLK), MP_ROM_INT(MPRT_BOARD_SYSCLK_HZ) },
    { MP_ROM_QSTR(MP_QSTR_cycles), MP_ROM_PTR(&mprt_cycles_obj) },
    { MP_ROM_QSTR(MP_QSTR_pulse), MP_ROM_PTR(&mprt_pulse_obj) },
    { MP_ROM_QSTR(MP_QSTR_edges), MP_ROM_PTR(&mprt_edges_obj) },
};
static MP_DEFINE_CONST_DICT(mprt_module_globals, mprt_module_globals_table);

const mp_obj_module_t mprt_module = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&mprt_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_mprt, mprt_module);

#endif // MICROPY_PY_MPRT
