// mprt_board: machine.Timer on the two CMSDK APB timers (ids 0 and 1, IRQ 8 and 9).
//
//   Timer(id=-1, /, *, mode=Timer.PERIODIC, callback=None, period=-1, tick_hz=1000, freq=None)
//   Timer.init(*, mode=..., callback=..., period=..., tick_hz=..., freq=...), Timer.deinit()
//
// The keywords are those of extmod/machine_timer.c. id -1 takes the first timer that is not
// running. The timers count down at SYSCLK (25 MHz) from RELOAD to 0 and interrupt there, so a
// period is a whole number of 40 ns cycles between 1 and 2^32. The callback runs in the
// interrupt handler, in hard IRQ context (heap and scheduler locked), as pyb.Timer callbacks do
// on stm32. It can hand work over with micropython.schedule(). If it raises, the timer stops.

#include "py/runtime.h"
#include "py/mphal.h"
#include "mprt_board.h"

#if MICROPY_PY_MPRT

typedef struct _mprt_timer_regs_t {
    volatile uint32_t CTRL;
    volatile uint32_t VALUE;
    volatile uint32_t RELOAD;
    volatile uint32_t INTSTATUS; // write 1 to clear
} mprt_timer_regs_t;

#define MPRT_TIMER_CTRL_EN (1u << 0)
#define MPRT_TIMER_CTRL_IRQEN (1u << 3)

#define MPRT_TIMER_NUM (2)
#define MPRT_TIMER_ONE_SHOT (0)
#define MPRT_TIMER_PERIODIC (1)

typedef struct _mprt_timer_obj_t {
    mp_obj_base_t base;
    uint8_t id;
    uint8_t mode;
    bool running;
    uint32_t cycles; // period in SYSCLK cycles
    mp_obj_t callback;
} mprt_timer_obj_t;

// One object per hardware timer, reachable by the GC (and by the interrupt handlers).
MP_REGISTER_ROOT_POINTER(struct _mprt_timer_obj_t *mprt_timer_obj[2]);

static mprt_timer_regs_t *const mprt_timer_regs[MPRT_TIMER_NUM] = {
    (mprt_timer_regs_t *)0x40000000,
    (mprt_timer_regs_t *)0x40001000,
};

static void mprt_timer_stop(mprt_timer_obj_t *self) {
    mprt_timer_regs_t *regs = mprt_timer_regs[self->id];
    regs->CTRL = 0;
    regs->INTSTATUS = 1;
    self->running = false;
}

static void mprt_timer_irq(uint32_t id) {
    mprt_timer_regs_t *regs = mprt_timer_regs[id];
    regs->INTSTATUS = 1;
    mprt_timer_obj_t *self = MP_STATE_PORT(mprt_timer_obj)[id];
    if (self == NULL || !self->running) {
        regs->CTRL = 0;
        return;
    }
    if (self->mode == MPRT_TIMER_ONE_SHOT) {
        mprt_timer_stop(self);
    }
    if (self->callback != mp_const_none
        && !mprt_board_call_hard(self->callback, MP_OBJ_FROM_PTR(self), "Timer")) {
        mprt_timer_stop(self);
        self->callback = mp_const_none;
    }
}

void mprt_timer0_irq(void) {
    mprt_timer_irq(0);
}

void mprt_timer1_irq(void) {
    mprt_timer_irq(1);
}

void mprt_timer_deinit_all(void) {
    for (size_t id = 0; id < MPRT_TIMER_NUM; ++id) {
        mprt_timer_regs[id]->CTRL = 0;
        mprt_timer_regs[id]->INTSTATUS = 1;
        MP_STATE_PORT(mprt_timer_obj)[id] = NULL;
    }
}

static void mprt_timer_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    mprt_timer_obj_t *self = MP_OBJ_TO_PTR(self_in);
    qstr mode = self->mode == MPRT_TIMER_ONE_SHOT ? MP_QSTR_ONE_SHOT : MP_QSTR_PERIODIC;
    mp_printf(print, "Timer(%u, mode=Timer.%q, period=%u, tick_hz=%u)",
        self->id, mode, (unsigned int)self->cycles, MPRT_BOARD_SYSCLK_HZ);
}

static mp_obj_t mprt_timer_init_helper(mprt_timer_obj_t *self, size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_mode, ARG_callback, ARG_period, ARG_tick_hz, ARG_freq };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_mode, MP_ARG_KW_ONLY | MP_ARG_INT, {.u_int = MPRT_TIMER_PERIODIC} },
        { MP_QSTR_callback, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
        { MP_QSTR_period, MP_ARG_KW_ONLY | MP_ARG_INT, {.u_int = -1} },
        { MP_QSTR_tick_hz, MP_ARG_KW_ONLY | MP_ARG_INT, {.u_int = 1000} },
        { MP_QSTR_freq, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(n_args, pos_args, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    mp_int_t mode = args[ARG_mode].u_int;
    if (mode != MPRT_TIMER_ONE_SHOT && mode != MPRT_TIMER_PERIODIC) {
        mp_raise_ValueError(MP_ERROR_TEXT("invalid mode"));
    }
    uint64_t cycles;
    if (args[ARG_freq].u_obj != mp_const_none) {
        // freq wins over period, as in extmod/machine_timer.c.
        mp_float_t freq = mp_obj_get_float(args[ARG_freq].u_obj);
        if (!(freq > 0)) {
            mp_raise_ValueError(MP_ERROR_TEXT("freq must be positive"));
        }
        mp_float_t c = MPRT_BOARD_SYSCLK_HZ / freq + MICROPY_FLOAT_CONST(0.5);
        cycles = c < MICROPY_FLOAT_CONST(4294967296.0) ? (uint32_t)c : 0;
    } else {
        mp_int_t period = args[ARG_period].u_int;
        mp_int_t tick_hz = args[ARG_tick_hz].u_int;
        if (period <= 0 || tick_hz <= 0) {
            mp_raise_ValueError(MP_ERROR_TEXT("period and tick_hz must be positive"));
        }
        cycles = mprt_board_udiv64((uint64_t)period * MPRT_BOARD_SYSCLK_HZ, tick_hz);
    }
    if (cycles < 1 || cycles > 0xffffffffu) {
        mp_raise_ValueError(MP_ERROR_TEXT("period out of range"));
    }

    mprt_timer_stop(self);
    self->mode = mode;
    self->cycles = cycles;
    self->callback = args[ARG_callback].u_obj;
    mprt_timer_regs_t *regs = mprt_timer_regs[self->id];
    // The counter interrupts when it reaches 0 and reloads on the next tick, so RELOAD
    // = cycles - 1 gives a period of exactly `cycles`.
    regs->RELOAD = cycles - 1;
    regs->VALUE = cycles - 1;
    self->running = true;
    regs->CTRL = MPRT_TIMER_CTRL_EN | MPRT_TIMER_CTRL_IRQEN;
    return mp_const_none;
}

static mp_obj_t mprt_timer_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_int_t id = -1;
    if (n_args > 0) {
        id = mp_obj_get_int(args[0]);
        --n_args;
        ++args;
    }
    if (id == -1) {
        // A virtual id: the first hardware timer that is not running.
        for (id = 0; id < MPRT_TIMER_NUM; ++id) {
            mprt_timer_obj_t *t = MP_STATE_PORT(mprt_timer_obj)[id];
            if (t == NULL || !t->running) {
                break;
            }
        }
        if (id == MPRT_TIMER_NUM) {
            mp_raise_ValueError(MP_ERROR_TEXT("no free timer"));
        }
    } else if (id < 0 || id >= MPRT_TIMER_NUM) {
        mp_raise_ValueError(MP_ERROR_TEXT("Timer doesn't exist"));
    }
    mprt_timer_obj_t *self = MP_STATE_PORT(mprt_timer_obj)[id];
    if (self == NULL) {
        self = mp_obj_malloc(mprt_timer_obj_t, &mprt_timer_type);
        self->id = id;
        self->mode = MPRT_TIMER_PERIODIC;
        self->running = false;
        self->cycles = 0;
        self->callback = mp_const_none;
        MP_STATE_PORT(mprt_timer_obj)[id] = self;
    }
    if (n_args > 0 || n_kw > 0) {
        mp_map_t kw_args;
        mp_map_init_fixed_table(&kw_args, n_kw, args + n_args);
        mprt_timer_init_helper(self, n_args, args, &kw_args);
    }
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t mprt_timer_init(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    return mprt_timer_init_helper(MP_OBJ_TO_PTR(args[0]), n_args - 1, args + 1, kw_args);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(mprt_timer_init_obj, 1, mprt_timer_init);

static mp_obj_t mprt_timer_deinit(mp_obj_t self_in) {
    mprt_timer_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mprt_timer_stop(self);
    self->callback = mp_const_none;
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(mprt_timer_deinit_obj, mprt_timer_deinit);

static const mp_rom_map_elem_t mprt_timer_locals_dict_table[] = {
    { MP_ROM_QSTR(MP_QSTR_init), MP_ROM_PTR(&mprt_timer_init_obj) },
    { MP_ROM_QSTR(MP_QSTR_deinit), MP_ROM_PTR(&mprt_timer_deinit_obj) },
    { MP_ROM_QSTR(MP_QSTR_ONE_SHOT), MP_ROM_INT(MPRT_TIMER_ONE_SHOT) },
    { MP_ROM_QSTR(MP_QSTR_PERIODIC), MP_ROM_INT(MPRT_TIMER_PERIODIC) },
};
static MP_DEFINE_CONST_DICT(mprt_timer_locals_dict, mprt_timer_locals_dict_table);

MP_DEFINE_CONST_OBJ_TYPE(
    mprt_timer_type,
    MP_QSTR_Timer,
    MP_TYPE_FLAG_NONE,
    make_new, mprt_timer_make_new,
    print, mprt_timer_print,
    locals_dict, &mprt_timer_locals_dict
    );

#endif // MICROPY_PY_MPRT
