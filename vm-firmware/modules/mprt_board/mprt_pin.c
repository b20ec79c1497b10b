// mprt_board: machine.Pin over twelve virtual pins, X1..X12 (named like the pyboard's), an edge
// log with time stamps, and a pulse generator on the input pin X4 (the dual timer, IRQ 10).
//
// QEMU does not model the MPS2's GPIO, so a pin's level is state in RAM:
//   - an output pin's level is its output buffer: value()/on()/off()/toggle()/__call__ change
//     it, and every change is logged with a SYSCLK time stamp (mprt.edges());
//   - X4 is an input driven by the pulse generator: mprt.pulse(freq) makes the dual timer's
//     counter 1 interrupt every half period, and its handler toggles X4 (also logged);
//   - any other input reads 0 (nothing drives it).
// Pin.irq(handler, trigger, *, hard) fires on the edges of the pin's level: on X4 from the
// dual timer's interrupt handler, on an output pin from the code that changed it. hard=True
// calls the handler there with the heap and the scheduler locked; otherwise it is scheduled.
//
// Module mprt:
//   pulse()                      -> the generator's frequency in Hz (0.0 when stopped)
//   pulse(freq, *, count=0)      start (freq > 0) or stop (freq == 0) the square wave on X4;
//                                count > 0 stops it after that many whole pulses (X4 low)
//   edges()                      -> [(pin_name, level, cycles), ...] logged since the last call,
//                                cycles being mprt.cycles() at the change (SYSCLK, 25 MHz)

#include <string.h>

#include "py/runtime.h"
#include "py/mphal.h"
#include "shared/runtime/mpirq.h"
#include "mprt_board.h"

#if MICROPY_PY_MPRT

#define MPRT_PIN_NUM (12)
#define MPRT_PIN_PULSE (3) // X4

#define MPRT_PIN_IN (0)
#define MPRT_PIN_OUT (1)
#define MPRT_PIN_IRQ_FALLING (1)
#define MPRT_PIN_IRQ_RISING (2)

typedef struct _mprt_pin_obj_t {
    mp_obj_base_t base;
    uint8_t idx;
    qstr name;
} mprt_pin_obj_t;

typedef struct _mprt_pin_state_t {
    uint8_t mode;
    uint8_t level;
    uint8_t outbuf;
    uint8_t trigger;
    uint8_t flags; // the edge that fired the last IRQ
} mprt_pin_state_t;

typedef struct _mprt_pin_edge_t {
    uint64_t cycles;
    uint8_t idx;
    uint8_t level;
} mprt_pin_edge_t;

// The dual timer's counter 1 (an SP804-style timer inside a CMSDK wrapper).
typedef struct _mprt_pin_dualtimer_t {
    volatile uint32_t LOAD;
    volatile uint32_t VALUE;
    volatile uint32_t CONTROL;
    volatile uint32_t INTCLR;
} mprt_pin_dualtimer_t;

#define MPRT_PIN_DUALTIMER ((mprt_pin_dualtimer_t *)0x40002000)
#define MPRT_DT_CTRL_SIZE32 (1u << 1)
#define MPRT_DT_CTRL_INTEN (1u << 5)
#define MPRT_DT_CTRL_PERIODIC (1u << 6)
#define MPRT_DT_CTRL_EN (1u << 7)

#define MPRT_PIN_EDGE_LOG (1024)

static const mprt_pin_obj_t mprt_pin_obj[MPRT_PIN_NUM] = {
    { { &mprt_pin_type }, 0, MP_QSTR_X1 },
    { { &mprt_pin_type }, 1, MP_QSTR_X2 },
    { { &mprt_pin_type }, 2, MP_QSTR_X3 },
    { { &mprt_pin_type }, 3, MP_QSTR_X4 },
    { { &mprt_pin_type }, 4, MP_QSTR_X5 },
    { { &mprt_pin_type }, 5, MP_QSTR_X6 },
    { { &mprt_pin_type }, 6, MP_QSTR_X7 },
    { { &mprt_pin_type }, 7, MP_QSTR_X8 },
    { { &mprt_pin_type }, 8, MP_QSTR_X9 },
    { { &mprt_pin_type }, 9, MP_QSTR_X10 },
    { { &mprt_pin_type }, 10, MP_QSTR_X11 },
    { { &mprt_pin_type }, 11, MP_QSTR_X12 },
};

static mprt_pin_state_t mprt_pin_state[MPRT_PIN_NUM];
static mprt_pin_edge_t mprt_pin_edges[MPRT_PIN_EDGE_LOG];
static size_t mprt_pin_edges_len;
static uint32_t mprt_pin_pulse_half; // half period in SYSCLK cycles, 0 when stopped
static uint32_t mprt_pin_pulse_left; // whole pulses still to go, 0 for endless

MP_REGISTER_ROOT_POINTER(struct _mp_irq_obj_t *mprt_pin_irq[12]);

// ---- levels, edges and their interrupts -----------------------------------------------------

static void mprt_pin_dispatch(size_t idx, uint8_t edge) {
    mp_irq_obj_t *irq = MP_STATE_PORT(mprt_pin_irq)[idx];
    mprt_pin_state_t *st = &mprt_pin_state[idx];
    if (irq == NULL || irq->handler == mp_const_none || !(st->trigger & edge)) {
        return;
    }
    st->flags = edge;
    if (irq->ishard) {
        if (!mprt_board_call_hard(irq->handler, irq->parent, "Pin IRQ")) {
            st->trigger = 0;
            irq->handler = mp_const_none;
        }
    } else {
        mp_sched_schedule(irq->handler, irq->parent);
    }
}

// Sets a pin's level; logs and signals the edge if it changed. Any context.
static void mprt_pin_set_level(size_t idx, uint8_t level) {
    uint32_t state = mprt_board_irq_disable();
    mprt_pin_state_t *st = &mprt_pin_state[idx];
    bool changed = st->level != level;
    if (changed) {
        st->level = level;
        if (mprt_pin_edges_len < MPRT_PIN_EDGE_LOG) {
            mprt_pin_edge_t *e = &mprt_pin_edges[mprt_pin_edges_len++];
            e->cycles = mprt_board_cycles();
            e->idx = idx;
            e->level = level;
        }
    }
    mprt_board_irq_restore(state);
    if (changed) {
        mprt_pin_dispatch(idx, level ? MPRT_PIN_IRQ_RISING : MPRT_PIN_IRQ_FALLING);
    }
}

static void mprt_pin_pulse_stop(void) {
    MPRT_PIN_DUALTIMER->CONTROL = 0;
    MPRT_PIN_DUALTIMER->INTCLR = 1;
    mprt_pin_pulse_half = 0;
    mprt_pin_pulse_left = 0;
}

void mprt_pin_pulse_irq(void) {
    MPRT_PIN_DUALTIMER->INTCLR = 1;
    if (mprt_pin_pulse_half == 0) {
        MPRT_PIN_DUALTIMER->CONTROL = 0;
        return;
    }
    uint8_t level = !mprt_pin_state[MPRT_PIN_PULSE].level;
    if (!level && mprt_pin_pulse_left > 0 && --mprt_pin_pulse_left == 0) {
        mprt_pin_pulse_stop();
    }
    mprt_pin_set_level(MPRT_PIN_PULSE, level);
}

void mprt_pin_init_all(void) {
    mprt_pin_pulse_stop();
    for (size_t i = 0; i < MPRT_PIN_NUM; ++i) {
        mprt_pin_state[i] = (mprt_pin_state_t) { .mode = MPRT_PIN_IN };
        MP_STATE_PORT(mprt_pin_irq)[i] = NULL;
    }
    mprt_pin_edges_len = 0;
}

void mprt_pin_deinit_all(void) {
    mprt_pin_pulse_stop();
    for (size_t i = 0; i < MPRT_PIN_NUM; ++i) {
        mprt_pin_state[i].trigger = 0;
        MP_STATE_PORT(mprt_pin_irq)[i] = NULL;
    }
}

// ---- machine.Pin ----------------------------------------------------------------------------

static void mprt_pin_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    qstr mode = mprt_pin_state[self->idx].mode == MPRT_PIN_OUT ? MP_QSTR_OUT : MP_QSTR_IN;
    mp_printf(print, "Pin('%q', mode=Pin.%q)", self->name, mode);
}

static void mprt_pin_set_mode(size_t idx, mp_int_t mode) {
    if (mode != MPRT_PIN_IN && mode != MPRT_PIN_OUT) {
        mp_raise_ValueError(MP_ERROR_TEXT("invalid pin mode"));
    }
    if (idx == MPRT_PIN_PULSE && mode == MPRT_PIN_OUT) {
        mp_raise_ValueError(MP_ERROR_TEXT("X4 is input only"));
    }
    mprt_pin_state[idx].mode = mode;
    if (idx != MPRT_PIN_PULSE) {
        mprt_pin_set_level(idx, mode == MPRT_PIN_OUT ? mprt_pin_state[idx].outbuf : 0);
    }
}

static void mprt_pin_write(size_t idx, bool value) {
    mprt_pin_state_t *st = &mprt_pin_state[idx];
    st->outbuf = value;
    if (st->mode == MPRT_PIN_OUT) {
        mprt_pin_set_level(idx, value);
    }
    // Native and viper code never checks for a pending exception, so Ctrl-C cannot stop a
    // native `while True: pin.toggle()`. Pin writes check for it instead (one load).
    if (MP_STATE_THREAD(mp_pending_exception) != MP_OBJ_NULL) {
        mp_handle_pending(true);
    }
}

static mp_obj_t mprt_pin_init_helper(const mprt_pin_obj_t *self, size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_mode, ARG_value };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_mode, MP_ARG_INT, {.u_int = -1} },
        { MP_QSTR_value, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(n_args, pos_args, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);
    // The output buffer first, so that a pin switched to OUT starts at the given value.
    if (args[ARG_value].u_obj != mp_const_none) {
        mprt_pin_state[self->idx].outbuf = mp_obj_is_true(args[ARG_value].u_obj);
    }
    if (args[ARG_mode].u_int != -1) {
        mprt_pin_set_mode(self->idx, args[ARG_mode].u_int);
    } else if (args[ARG_value].u_obj != mp_const_none) {
        mprt_pin_write(self->idx, mprt_pin_state[self->idx].outbuf);
    }
    return mp_const_none;
}

static mp_obj_t mprt_pin_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_arg_check_num(n_args, n_kw, 1, MP_OBJ_FUN_ARGS_MAX, true);
    const mprt_pin_obj_t *self = NULL;
    if (mp_obj_is_type(args[0], &mprt_pin_type)) {
        self = MP_OBJ_TO_PTR(args[0]);
    } else {
        qstr name = mp_obj_str_get_qstr(args[0]);
        for (size_t i = 0; i < MPRT_PIN_NUM; ++i) {
            if (mprt_pin_obj[i].name == name) {
                self = &mprt_pin_obj[i];
            }
        }
        if (self == NULL) {
            mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("Pin(%s) doesn't exist"), qstr_str(name));
        }
    }
    if (n_args > 1 || n_kw > 0) {
        mp_map_t kw_args;
        mp_map_init_fixed_table(&kw_args, n_kw, args + n_args);
        mprt_pin_init_helper(self, n_args - 1, args + 1, &kw_args);
    }
    return MP_OBJ_FROM_PTR(self);
}

// pin(), pin(x): the same as value().
static mp_obj_t mprt_pin_call(mp_obj_t self_in, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_arg_check_num(n_args, n_kw, 0, 1, false);
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (n_args == 0) {
        return MP_OBJ_NEW_SMALL_INT(mprt_pin_state[self->idx].level);
    }
    mprt_pin_write(self->idx, mp_obj_is_true(args[0]));
    return mp_const_none;
}

static mp_obj_t mprt_pin_init(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    return mprt_pin_init_helper(MP_OBJ_TO_PTR(args[0]), n_args - 1, args + 1, kw_args);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(mprt_pin_init_obj, 1, mprt_pin_init);

static mp_obj_t mprt_pin_value(size_t n_args, const mp_obj_t *args) {
    return mprt_pin_call(args[0], n_args - 1, 0, args + 1);
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mprt_pin_value_obj, 1, 2, mprt_pin_value);

static mp_obj_t mprt_pin_on(mp_obj_t self_in) {
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mprt_pin_write(self->idx, 1);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(mprt_pin_on_obj, mprt_pin_on);

static mp_obj_t mprt_pin_off(mp_obj_t self_in) {
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mprt_pin_write(self->idx, 0);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(mprt_pin_off_obj, mprt_pin_off);

static mp_obj_t mprt_pin_toggle(mp_obj_t self_in) {
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mprt_pin_write(self->idx, !mprt_pin_state[self->idx].outbuf);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(mprt_pin_toggle_obj, mprt_pin_toggle);

static mp_uint_t mprt_pin_irq_trigger(mp_obj_t self_in, mp_uint_t new_trigger) {
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mprt_pin_state[self->idx].trigger = new_trigger;
    return 0;
}

static mp_uint_t mprt_pin_irq_info(mp_obj_t self_in, mp_uint_t info_type) {
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mprt_pin_state_t *st = &mprt_pin_state[self->idx];
    return info_type == MP_IRQ_INFO_FLAGS ? st->flags : st->trigger;
}

static const mp_irq_methods_t mprt_pin_irq_methods = {
    .trigger = mprt_pin_irq_trigger,
    .info = mprt_pin_irq_info,
};

// irq(handler=None, trigger=IRQ_FALLING|IRQ_RISING, *, hard=False)
static mp_obj_t mprt_pin_irq(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_handler, ARG_trigger, ARG_hard };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_handler, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
        { MP_QSTR_trigger, MP_ARG_INT, {.u_int = MPRT_PIN_IRQ_FALLING | MPRT_PIN_IRQ_RISING} },
        { MP_QSTR_hard, MP_ARG_KW_ONLY | MP_ARG_BOOL, {.u_bool = false} },
    };
    mprt_pin_obj_t *self = MP_OBJ_TO_PTR(pos_args[0]);
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(n_args - 1, pos_args + 1, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    mp_irq_obj_t *irq = MP_STATE_PORT(mprt_pin_irq)[self->idx];
    if (irq == NULL) {
        irq = mp_irq_new(&mprt_pin_irq_methods, MP_OBJ_FROM_PTR(self));
        MP_STATE_PORT(mprt_pin_irq)[self->idx] = irq;
    }
    if (n_args > 1 || kw_args->used != 0) {
        mp_obj_t handler = args[ARG_handler].u_obj;
        if (handler != mp_const_none && !mp_obj_is_callable(handler)) {
            mp_raise_ValueError(MP_ERROR_TEXT("handler must be None or callable"));
        }
        // Quiesce the source while the handler changes (the dual timer's IRQ, or nothing).
        uint32_t state = mprt_board_irq_disable();
        irq->handler = handler;
        irq->ishard = args[ARG_hard].u_bool;
        mprt_pin_state[self->idx].trigger = handler == mp_const_none ? 0 : args[ARG_trigger].u_int;
        mprt_board_irq_restore(state);
    }
    return MP_OBJ_FROM_PTR(irq);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(mprt_pin_irq_obj, 1, mprt_pin_irq);

static const mp_rom_map_elem_t mprt_pin_locals_dict_table[] = {
    { MP_ROM_QSTR(MP_QSTR_init), MP_ROM_PTR(&mprt_pin_init_obj) },
    { MP_ROM_QSTR(MP_QSTR_value), MP_ROM_PTR(&mprt_pin_value_obj) },
    { MP_ROM_QSTR(MP_QSTR_on), MP_ROM_PTR(&mprt_pin_on_obj) },
    { MP_ROM_QSTR(MP_QSTR_off), MP_ROM_PTR(&mprt_pin_off_obj) },
    { MP_ROM_QSTR(MP_QSTR_toggle), MP_ROM_PTR(&mprt_pin_toggle_obj) },
    { MP_ROM_QSTR(MP_QSTR_irq), MP_ROM_PTR(&mprt_pin_irq_obj) },
    { MP_ROM_QSTR(MP_QSTR_IN), MP_ROM_INT(MPRT_PIN_IN) },
    { MP_ROM_QSTR(MP_QSTR_OUT), MP_ROM_INT(MPRT_PIN_OUT) },
    { MP_ROM_QSTR(MP_QSTR_IRQ_FALLING), MP_ROM_INT(MPRT_PIN_IRQ_FALLING) },
    { MP_ROM_QSTR(MP_QSTR_IRQ_RISING), MP_ROM_INT(MPRT_PIN_IRQ_RISING) },
};
static MP_DEFINE_CONST_DICT(mprt_pin_locals_dict, mprt_pin_locals_dict_table);

MP_DEFINE_CONST_OBJ_TYPE(
    mprt_pin_type,
    MP_QSTR_Pin,
    MP_TYPE_FLAG_NONE,
    make_new, mprt_pin_make_new,
    print, mprt_pin_print,
    call, mprt_pin_call,
    locals_dict, &mprt_pin_locals_dict
    );

// ---- mprt.pulse(), mprt.edges() -------------------------------------------------------------

static mp_obj_t mprt_pulse(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_freq, ARG_count };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_freq, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
        { MP_QSTR_count, MP_ARG_KW_ONLY | MP_ARG_INT, {.u_int = 0} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(n_args, pos_args, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    if (args[ARG_freq].u_obj == mp_const_none) {
        uint32_t half = mprt_pin_pulse_half;
        return mp_obj_new_float(half ? (mp_float_t)MPRT_BOARD_SYSCLK_HZ / (2 * (mp_float_t)half) : 0);
    }
    mp_float_t freq = mp_obj_get_float(args[ARG_freq].u_obj);
    mp_int_t count = args[ARG_count].u_int;
    if (freq < 0 || count < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("freq and count must not be negative"));
    }
    uint32_t state = mprt_board_irq_disable();
    mprt_pin_pulse_stop();
    mprt_board_irq_restore(state);
    if (freq == 0) {
        return mp_const_none;
    }
    mp_float_t half = MPRT_BOARD_SYSCLK_HZ / (2 * freq) + MICROPY_FLOAT_CONST(0.5);
    if (half < 2 || half > MICROPY_FLOAT_CONST(4294967295.0)) {
        mp_raise_ValueError(MP_ERROR_TEXT("freq out of range"));
    }
    state = mprt_board_irq_disable();
    mprt_pin_pulse_half = (uint32_t)half;
    mprt_pin_pulse_left = count;
    // Periodic mode, 32 bits, no prescaler: interrupts every LOAD + 1 cycles.
    MPRT_PIN_DUALTIMER->LOAD = mprt_pin_pulse_half - 1;
    MPRT_PIN_DUALTIMER->CONTROL = MPRT_DT_CTRL_EN | MPRT_DT_CTRL_PERIODIC | MPRT_DT_CTRL_INTEN | MPRT_DT_CTRL_SIZE32;
    mprt_board_irq_restore(state);
    return mp_const_none;
}
MP_DEFINE_CONST_FUN_OBJ_KW(mprt_pulse_obj, 0, mprt_pulse);

static mp_obj_t mprt_edges(void) {
    // Copy out in chunks with interrupts masked only for each copy (the list grows, and may
    // collect, with them enabled). Edges logged meanwhile are appended behind and taken too.
    mp_obj_t list = mp_obj_new_list(0, NULL);
    size_t pos = 0;
    for (;;) {
        mprt_pin_edge_t chunk[16];
        uint32_t state = mprt_board_irq_disable();
        size_t n = MIN(mprt_pin_edges_len - pos, MP_ARRAY_SIZE(chunk));
        memcpy(chunk, mprt_pin_edges + pos, n * sizeof(chunk[0]));
        pos += n;
        if (n == 0) {
            mprt_pin_edges_len = 0;
        }
        mprt_board_irq_restore(state);
        if (n == 0) {
            return list;
        }
        for (size_t i = 0; i < n; ++i) {
            mp_obj_t item[3] = {
                MP_OBJ_NEW_QSTR(mprt_pin_obj[chunk[i].idx].name),
                MP_OBJ_NEW_SMALL_INT(chunk[i].level),
                mp_obj_new_int_from_ull(chunk[i].cycles),
            };
            mp_obj_list_append(list, mp_obj_new_tuple(3, item));
        }
    }
}
MP_DEFINE_CONST_FUN_OBJ_0(mprt_edges_obj, mprt_edges);

#endif // MICROPY_PY_MPRT
