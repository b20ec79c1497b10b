// mprt_debug: the monitor's core (VM hooks, breakpoints, stepping, snapshots, statistics and the
// request handlers). See mprt_debug.h, docs/monitor.md and docs/protocol.md.
//
// How the VM hook works without a patch. In a MICROPY_PY_SYS_SETTRACE build, py/vm.c calls
//   mp_prof_frame_enter(code_state)   at every entry into a bytecode function (FRAME_ENTER),
//   mp_prof_frame_update(code_state)  at a few opcodes (FRAME_UPDATE),
//   mp_prof_instr_tick(code_state, e) before every opcode, but only while code_state->frame is
//                                     set and code_state->frame->callback is not NULL.
// The link redirects the three to the __wrap_ functions here. While the monitor is attached (and
// no Python tracer is installed) frame_enter stores, instead of a heap-allocated frame object,
// one of two static sentinel frames in code_state->frame:
//   mprt_debug_frame_bp     for functions that contain a breakpoint: its callback is always set,
//                           so every opcode of such a function reaches the tick hook, which
//                           compares the opcode offset with the function's cached breakpoint
//                           offsets;
//   mprt_debug_frame_plain  for every other function: its callback is NULL, so the VM does not
//                           call the hook at all, except while a pause, a step or a function
//                           breakpoint needs every opcode (then its callback is set).
// Nothing is allocated: this works in hard interrupt handlers, with the heap locked. Detached,
// the wrappers call the real settrace functions, so sys.settrace behaves as before.

#include <string.h>

#include "py/runtime.h"
#include "py/gc.h"
#include "py/mphal.h"
#include "py/bc0.h"
#include "py/bc.h"
#include "py/objfun.h"
#include "py/objtype.h"
#include "py/objstr.h"
#include "py/profile.h"
#include "py/lexer.h"
#include "py/parse.h"
#include "py/compile.h"
#include "py/stackctrl.h"
#include "py/builtin.h"
#include "mprt_debug.h"

#if MICROPY_PY_MPRT_DEBUG

#define NO_BP (0xff)

// ---- state -----------------------------------------------------------------------------------

typedef struct _mprt_debug_bp_t {
    qstr file;          // MP_QSTRnull: free
    uint16_t line;
    uint16_t hit_target;
    uint16_t hits;
    uint8_t flags;
    uint8_t has_cond;
} mprt_debug_bp_t;

typedef struct _mprt_debug_code_t {
    const mp_raw_code_t *rc;
    uint16_t gen;
    uint8_t n;
    uint8_t bp[MPRT_DEBUG_CODE_BPS];
    uint16_t off[MPRT_DEBUG_CODE_BPS];
} mprt_debug_code_t;

typedef struct _mprt_debug_trace_t {
    uint32_t ticks;
    uint16_t line;
    uint16_t function;  // qstr
    uint8_t bp;
    uint8_t hard;
    uint8_t n;
    uint8_t tag[MPRT_DEBUG_TRACE_LOCALS];
    uint32_t val[MPRT_DEBUG_TRACE_LOCALS];
} mprt_debug_trace_t;

typedef struct _mprt_debug_handler_t {
    const void *key;
    uint16_t name;      // qstr
    uint32_t count;
    uint32_t lat_n;
    uint32_t lat_min;
    uint32_t lat_max;
    uint32_t lat_sum;
    uint32_t hist[MPRT_DEBUG_HIST_BUCKETS];
} mprt_debug_handler_t;

enum { RX_IDLE, RX_MAGIC, RX_LEN0, RX_LEN1, RX_HCHK, RX_PAYLOAD, RX_CRC };

typedef struct _mprt_debug_state_t {
    // link: receiving (interrupt context)
    uint8_t rx_state;
    uint8_t rx_hdr[2];
    uint16_t rx_len;
    uint16_t rx_pos;
    uint8_t *rx_dest;
    uint32_t rx_crc;
    uint32_t rx_got_crc;
    uint32_t rx_last;
    uint32_t rx_bad;            // frames dropped (CRC, header, overrun)
    // one request and one short control frame (PAUSE, INTERRUPT) wait for the main context
    volatile bool req_pending;
    volatile bool ctl_pending;
    uint16_t req_len;
    uint8_t req[MPRT_DEBUG_MAX_PAYLOAD];
    uint8_t ctl[3];
    // link: sending (main context)
    uint16_t tx_pos;
    bool tx_full;
    uint8_t tx[MPRT_DEBUG_HEADER_SIZE + MPRT_DEBUG_MAX_PAYLOAD + MPRT_DEBUG_CRC_SIZE];
    vstr_t *loop_out;           // loopback link (mprt_debug.feed)
    // session
    bool listening;             // the port's link takes frames (attached, or parked after DETACH)
    bool attached;
    bool loopback;
    volatile bool pause;
    bool stopped;
    bool running_file;
    uint8_t exc_flags;
    uint8_t step_kind;          // 0xff: not stepping
    uint16_t step_line;
    uint16_t step_depth;
    uint16_t track_depth;
    uint16_t bp_gen;
    uint8_t n_bps;
    uint8_t n_fbps;
    mp_code_state_t *step_cs;
    mp_code_state_t *track_cs;
    mp_code_state_t *stop_cs;
    mp_code_state_t *fn_cs;
    const mp_code_state_t *cb_root; // first frame of the running soft (scheduled) callback
    const void *last_exc;
    mprt_debug_bp_t bps[MPRT_DEBUG_MAX_BREAKPOINTS];
    qstr fbps[MPRT_DEBUG_MAX_FUNCTION_BREAKPOINTS];
    mprt_debug_code_t code[MPRT_DEBUG_CODE_CACHE];
    // tracepoints: written in any context, read in the main context
    volatile uint8_t tr_head;
    volatile uint8_t tr_tail;
    volatile uint32_t tr_lost;
    uint32_t tr_hits;
    uint32_t tr_lost_reported;
    mprt_debug_trace_t trace[MPRT_DEBUG_TRACE_RING];
    // interrupt handlers
    volatile bool hard_first;
    int8_t hard_slot;
    uint32_t hard_irq_ticks;
    mprt_debug_handler_t handlers[MPRT_DEBUG_HANDLERS];
    // garbage collector
    uint32_t gc_count;
    uint32_t gc_ticks;
    uint32_t gc_max;
    // upload in progress
    qstr up_name;
    uint32_t up_size;
    uint32_t up_crc;
    uint32_t up_received;
} mprt_debug_state_t;

static mprt_debug_state_t dbg;

// The heap objects of a session: [conditions (list), files (dict), upload buffer, refs (list)].
MP_REGISTER_ROOT_POINTER(mp_obj_t mprt_debug_heap);
enum { HEAP_CONDS, HEAP_FILES, HEAP_UPLOAD, HEAP_REFS, HEAP_N };

static mp_sched_node_t mprt_debug_node;
static void mprt_debug_node_cb(mp_sched_node_t *node);

// ---- the sentinel frames ---------------------------------------------------------------------

static MP_DEFINE_CONST_OBJ_TYPE(mprt_debug_frame_type, MP_QSTR_frame, MP_TYPE_FLAG_NONE);
static mp_obj_frame_t mprt_debug_frame_plain = { .base = { &mprt_debug_frame_type }, .lineno = 1 };
static mp_obj_frame_t mprt_debug_frame_bp = { .base = { &mprt_debug_frame_type }, .lineno = 1 };

static inline bool is_sentinel(const mp_obj_frame_t *f) {
    return f == &mprt_debug_frame_plain || f == &mprt_debug_frame_bp;
}

static void update_ticking(void) {
    mprt_debug_frame_bp.callback = dbg.attached ? mp_const_true : MP_OBJ_NULL;
    mprt_debug_frame_plain.callback =
        (dbg.attached && (dbg.pause || dbg.step_kind != 0xff)) ? mp_const_true : MP_OBJ_NULL;
}

// ---- small helpers ---------------------------------------------------------------------------

static uint32_t crc32_update(uint32_t crc, const uint8_t *data, size_t len) {
    // CRC-32 (IEEE 802.3, reflected, as zlib and java.util.zip.CRC32), bitwise: no table in flash.
    crc = ~crc;
    while (len--) {
        crc ^= *data++;
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
        }
    }
    return ~crc;
}

static inline mp_obj_t heap_item(size_t i) {
    mp_obj_t h = MP_STATE_VM(mprt_debug_heap);
    return h == MP_OBJ_NULL ? MP_OBJ_NULL : ((mp_obj_list_t *)MP_OBJ_TO_PTR(h))->items[i];
}

static mp_obj_list_t *heap_list(size_t i) {
    return MP_OBJ_TO_PTR(heap_item(i));
}

static uint32_t ticks_to_ns(uint32_t t) {
    // The tick rate divides 1 GHz (25 MHz: 40 ns, 1 MHz: 1000 ns); no 64-bit division.
    return t * (1000000000u / mprt_debug_port_tick_hz());
}

static uint32_t ticks_to_us(uint32_t t) {
    return t / (mprt_debug_port_tick_hz() / 1000000u);
}

static qstr code_file(const mp_code_state_t *cs) {
    return MP_CODE_QSTR_MAP(cs->fun_bc->context, 0);
}

static qstr code_name(const mp_code_state_t *cs) {
    return MP_CODE_QSTR_MAP(cs->fun_bc->context, cs->fun_bc->rc->prelude.qstr_block_name_idx);
}

static size_t code_line(const mp_code_state_t *cs) {
    const mp_bytecode_prelude_t *p = &cs->fun_bc->rc->prelude;
    return mp_bytecode_get_source_line(p->line_info, p->line_info_top, cs->ip - p->opcodes);
}

static size_t chain_depth(const mp_code_state_t *cs) {
    size_t d = 0;
    for (; cs != NULL; cs = cs->prev_state) {
        ++d;
    }
    return d;
}

// The number of frames from cs down to and including `root`, or 0 if root is not in the chain.
static size_t frames_to(const mp_code_state_t *cs, const mp_code_state_t *root) {
    size_t d = 0;
    for (; cs != NULL; cs = cs->prev_state) {
        ++d;
        if (cs == root) {
            return d;
        }
    }
    return 0;
}

// Soft callbacks (micropython.schedule, soft IRQs) run with the scheduler locked, on top of the
// frames they interrupted. The first frame entered with the scheduler locked that does not lie
// in the current callback's chain starts a callback; any frame entered unlocked ends it.
static void track_callback(const mp_code_state_t *cs) {
    if (MP_STATE_VM(sched_state) >= 0) {
        dbg.cb_root = NULL;
    } else if (dbg.cb_root == NULL || frames_to(cs->prev_state, dbg.cb_root) == 0) {
        dbg.cb_root = cs;
    }
}

// At a stop: the number of frames on top of the stack that belong to a soft callback (0: none).
static size_t callback_frames(const mp_code_state_t *cs) {
    if (MP_STATE_VM(sched_state) >= 0 || dbg.cb_root == NULL) {
        return 0;
    }
    return frames_to(cs, dbg.cb_root);
}

static mp_obj_t *slot_ptr(mp_code_state_t *cs, size_t slot) {
    return &cs->state[cs->n_state - 1 - slot];
}

static bool is_cell(mp_obj_t o) {
    // py/objcell.c's type is static; it is the only type named "" (MP_QSTR_).
    return o != MP_OBJ_NULL && mp_obj_is_obj(o) && mp_obj_get_type(o)->name == MP_QSTR_;
}

static mp_obj_t slot_value(mp_code_state_t *cs, size_t slot) {
    mp_obj_t o = *slot_ptr(cs, slot);
    return is_cell(o) ? mp_obj_cell_get(o) : o;
}

// ---- link: receive (interrupt context) -------------------------------------------------------

bool mprt_debug_listening(void) {
    return dbg.listening;
}

bool mprt_debug_attached(void) {
    return dbg.attached;
}

void mprt_debug_rx_begin(void) {
    dbg.rx_state = RX_MAGIC;
    dbg.rx_last = mprt_debug_port_ticks();
}

static void rx_complete(void) {
    uint8_t *p = dbg.rx_dest;
    if (p == dbg.ctl) {
        uint8_t type = p[0];
        if (type == MPRT_DEBUG_MSG_PAUSE) {
            dbg.pause = true;
            update_ticking();
        } else if (type == MPRT_DEBUG_MSG_INTERRUPT) {
            mprt_debug_port_interrupt();
        }
        dbg.ctl_pending = true;
    } else {
        dbg.req_len = dbg.rx_len;
        if (p[0] == MPRT_DEBUG_MSG_PAUSE) {
            dbg.pause = true;
            update_ticking();
        } else if (p[0] == MPRT_DEBUG_MSG_INTERRUPT) {
            mprt_debug_port_interrupt();
        }
        dbg.req_pending = true;
    }
    if (!dbg.loopback) {
        mp_sched_schedule_node(&mprt_debug_node, mprt_debug_node_cb);
    }
}

bool mprt_debug_rx_feed(uint8_t c) {
    uint32_t now = mprt_debug_port_ticks();
    if (now - dbg.rx_last > mprt_debug_port_tick_hz() / 1000u * MPRT_DEBUG_GAP_MS) {
        // The rest of a frame did not come in time: give it up. This byte may start a new one.
        dbg.rx_bad += 1;
        if (c != MPRT_DEBUG_SYNC) {
            dbg.rx_state = RX_IDLE;
            return false;
        }
        mprt_debug_rx_begin();
        return true;
    }
    dbg.rx_last = now;
    switch (dbg.rx_state) {
        case RX_MAGIC:
            if (c != MPRT_DEBUG_MAGIC) {
                break;
            }
            dbg.rx_state = RX_LEN0;
            return true;
        case RX_LEN0:
            dbg.rx_hdr[0] = c;
            dbg.rx_state = RX_LEN1;
            return true;
        case RX_LEN1:
            dbg.rx_hdr[1] = c;
            dbg.rx_state = RX_HCHK;
            return true;
        case RX_HCHK: {
            uint16_t len = dbg.rx_hdr[0] | (dbg.rx_hdr[1] << 8);
            if (c != (0xff ^ dbg.rx_hdr[0] ^ dbg.rx_hdr[1]) || len < 3 || len > MPRT_DEBUG_MAX_PAYLOAD) {
                break;
            }
            dbg.rx_len = len;
            if (!dbg.req_pending) {
                dbg.rx_dest = dbg.req;
            } else if (len == 3 && !dbg.ctl_pending) {
                dbg.rx_dest = dbg.ctl;
            } else {
                dbg.rx_dest = NULL; // busy: read it, then drop it
            }
            dbg.rx_pos = 0;
            dbg.rx_crc = 0;
            dbg.rx_state = RX_PAYLOAD;
            return true;
        }
        case RX_PAYLOAD:
            if (dbg.rx_dest != NULL) {
                dbg.rx_dest[dbg.rx_pos] = c;
            }
            dbg.rx_crc = crc32_update(dbg.rx_crc, &c, 1);
            if (++dbg.rx_pos == dbg.rx_len) {
                dbg.rx_pos = 0;
                dbg.rx_got_crc = 0;
                dbg.rx_state = RX_CRC;
            }
            return true;
        case RX_CRC:
            dbg.rx_got_crc |= (uint32_t)c << (8 * dbg.rx_pos);
            if (++dbg.rx_pos < 4) {
                return true;
            }
            dbg.rx_state = RX_IDLE;
            if (dbg.rx_got_crc != dbg.rx_crc || dbg.rx_dest == NULL) {
                break;
            }
            rx_complete();
            return false;
        default:
            break;
    }
    dbg.rx_state = RX_IDLE;
    dbg.rx_bad += 1;
    return false;
}

// ---- link: send (main context) ---------------------------------------------------------------

static void tx_u8(uint32_t v) {
    if (dbg.tx_pos < MPRT_DEBUG_HEADER_SIZE + MPRT_DEBUG_MAX_PAYLOAD) {
        dbg.tx[dbg.tx_pos++] = v;
    } else {
        dbg.tx_full = true;
    }
}

static void tx_u16(uint32_t v) {
    tx_u8(v);
    tx_u8(v >> 8);
}

static void tx_u32(uint32_t v) {
    tx_u16(v);
    tx_u16(v >> 16);
}

static void tx_strn(const char *s, size_t len) {
    if (len > 255) {
        len = 255;
    }
    tx_u8(len);
    for (size_t i = 0; i < len; ++i) {
        tx_u8((uint8_t)s[i]);
    }
}

static void tx_str(const char *s) {
    tx_strn(s, strlen(s));
}

static void tx_qstr(qstr q) {
    size_t len;
    const char *s = (const char *)qstr_data(q, &len);
    tx_strn(s, len);
}

static void tx_begin(uint8_t type, uint16_t seq) {
    dbg.tx_pos = MPRT_DEBUG_HEADER_SIZE;
    dbg.tx_full = false;
    tx_u8(type);
    tx_u16(seq);
}

static void tx_send(void) {
    size_t len = dbg.tx_pos - MPRT_DEBUG_HEADER_SIZE;
    dbg.tx[0] = MPRT_DEBUG_SYNC;
    dbg.tx[1] = MPRT_DEBUG_MAGIC;
    dbg.tx[2] = len & 0xff;
    dbg.tx[3] = len >> 8;
    dbg.tx[4] = 0xff ^ dbg.tx[2] ^ dbg.tx[3];
    uint32_t crc = crc32_update(0, dbg.tx + MPRT_DEBUG_HEADER_SIZE, len);
    for (int i = 0; i < 4; ++i) {
        dbg.tx[dbg.tx_pos + i] = crc >> (8 * i);
    }
    size_t n = dbg.tx_pos + MPRT_DEBUG_CRC_SIZE;
    if (dbg.loopback) {
        if (dbg.loop_out != NULL) {
            vstr_add_strn(dbg.loop_out, (const char *)dbg.tx, n);
        }
    } else {
        mprt_debug_port_tx(dbg.tx, n);
    }
}

static void tx_error(uint16_t seq, uint8_t code, const char *msg) {
    tx_begin(MPRT_DEBUG_REP_ERROR, seq);
    tx_u8(code);
    tx_str(msg);
    tx_send();
}

// Lists: a count byte, then items; an item that does not fit is rolled back and ends the list.
typedef struct { uint16_t count_pos; uint16_t mark; uint8_t count; } tx_list_t;

static void tx_list_begin(tx_list_t *l) {
    l->count_pos = dbg.tx_pos;
    l->count = 0;
    tx_u8(0);
}

static void tx_item_begin(tx_list_t *l) {
    l->mark = dbg.tx_pos;
}

static bool tx_item_end(tx_list_t *l) {
    if (dbg.tx_full) {
        dbg.tx_pos = l->mark;
        dbg.tx_full = false;
        return false;
    }
    l->count += 1;
    dbg.tx[l->count_pos] = l->count;
    return true;
}

// ---- values ----------------------------------------------------------------------------------

typedef struct { char *buf; size_t len; size_t max; } bounded_print_t;

static void bounded_strn(void *env, const char *str, size_t len) {
    bounded_print_t *b = env;
    while (len-- && b->len < b->max) {
        b->buf[b->len++] = *str++;
    }
}

#define REPR_MAX (48)

// The repr of o, at most REPR_MAX bytes, without the monitor tracing the code that makes it.
static size_t repr_of(mp_obj_t o, char *buf, mp_print_kind_t kind) {
    bounded_print_t b = { buf, 0, REPR_MAX };
    mp_print_t print = { &b, bounded_strn };
    bool was = mp_prof_is_executing;
    mp_prof_is_executing = true;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_print_helper(&print, o, kind);
        nlr_pop();
    } else {
        b.len = 0;
        bounded_strn(&b, "<repr failed>", 13);
    }
    mp_prof_is_executing = was;
    return b.len;
}

static bool heap_ptr_ok(const void *p) {
    const byte *b = p;
    if (b >= MP_STATE_MEM(area).gc_pool_start && b < MP_STATE_MEM(area).gc_pool_end) {
        return gc_nbytes(p) != 0;
    }
    return true;
}

static bool is_set(mp_obj_t o) {
    #if MICROPY_PY_BUILTINS_SET
    if (mp_obj_is_type(o, &mp_type_set)) {
        return true;
    }
    #endif
    #if MICROPY_PY_BUILTINS_FROZENSET
    if (mp_obj_is_type(o, &mp_type_frozenset)) {
        return true;
    }
    #endif
    return false;
}

static size_t child_count(mp_obj_t o) {
    if (!mp_obj_is_obj(o)) {
        return 0;
    }
    const mp_obj_type_t *t = mp_obj_get_type(o);
    if (t == &mp_type_list || t == &mp_type_tuple || t == &mp_type_dict || t == &mp_type_bytearray
        || t == &mp_type_bytes || is_set(o)) {
        return mp_obj_get_int(mp_obj_len(o));
    }
    if (t == &mp_type_module) {
        return mp_obj_module_get_globals(o)->map.used;
    }
    if (mp_obj_is_instance_type(t)) {
        return ((mp_obj_instance_t *)MP_OBJ_TO_PTR(o))->members.used;
    }
    return 0;
}

// Remembers o for INSPECT while the program is stopped; returns its reference (0: none).
static uint32_t remember(mp_obj_t o) {
    mp_obj_t refs = heap_item(HEAP_REFS);
    if (refs == MP_OBJ_NULL || gc_is_locked() || !dbg.stopped) {
        return 0; // references exist only while stopped (they are dropped when the program continues)
    }
    mp_obj_list_append(refs, o);
    return ((mp_obj_list_t *)MP_OBJ_TO_PTR(refs))->len;
}

static size_t str_len_of(mp_obj_t o) {
    size_t len;
    mp_obj_str_get_data(o, &len);
    return len;
}

static void list_clear(mp_obj_t list) {
    mp_obj_list_t *l = MP_OBJ_TO_PTR(list);
    memset(l->items, 0, l->alloc * sizeof(mp_obj_t));
    l->len = 0;
}

static void tx_value(mp_obj_t o) {
    if (o == MP_OBJ_NULL) {
        tx_u8(MPRT_DEBUG_VAL_UNBOUND);
    } else if (o == mp_const_none) {
        tx_u8(MPRT_DEBUG_VAL_NONE);
    } else if (o == mp_const_false) {
        tx_u8(MPRT_DEBUG_VAL_FALSE);
    } else if (o == mp_const_true) {
        tx_u8(MPRT_DEBUG_VAL_TRUE);
    } else if (mp_obj_is_small_int(o) && MP_OBJ_SMALL_INT_VALUE(o) == (int32_t)MP_OBJ_SMALL_INT_VALUE(o)) {
        tx_u8(MPRT_DEBUG_VAL_INT);
        tx_u32((uint32_t)MP_OBJ_SMALL_INT_VALUE(o));
    } else if (mp_obj_is_str(o) && str_len_of(o) <= REPR_MAX) {
        size_t len;
        const char *s = mp_obj_str_get_data(o, &len);
        tx_u8(MPRT_DEBUG_VAL_STR);
        tx_strn(s, len);
    } else {
        char buf[REPR_MAX];
        size_t n = repr_of(o, buf, PRINT_REPR);
        tx_u8(MPRT_DEBUG_VAL_OBJECT);
        tx_u32(remember(o));
        tx_qstr(mp_obj_get_type(o)->name);
        tx_strn(buf, n);
        tx_u16(child_count(o));
    }
}

// A value captured in any context (no allocation, no Python code): tag and 32 bits.
static uint8_t capture(mp_obj_t o, uint32_t *val) {
    *val = 0;
    if (o == MP_OBJ_NULL) {
        return MPRT_DEBUG_VAL_UNBOUND;
    } else if (o == mp_const_none) {
        return MPRT_DEBUG_VAL_NONE;
    } else if (o == mp_const_false) {
        return MPRT_DEBUG_VAL_FALSE;
    } else if (o == mp_const_true) {
        return MPRT_DEBUG_VAL_TRUE;
    } else if (mp_obj_is_small_int(o)) {
        *val = (uint32_t)MP_OBJ_SMALL_INT_VALUE(o);
        return MPRT_DEBUG_VAL_INT;
    } else if (mp_obj_is_qstr(o)) {
        *val = MP_OBJ_QSTR_VALUE(o);
        return MPRT_DEBUG_VAL_STR;
    #if MICROPY_PY_BUILTINS_FLOAT
    } else if (mp_obj_is_float(o)) {
        union { float f; uint32_t u; } v = { .f = (float)mp_obj_float_get(o) };
        *val = v.u;
        return MPRT_DEBUG_VAL_FLOAT;
    #endif
    } else {
        const mp_obj_type_t *t = mp_obj_get_type(o);
        *val = (uint32_t)(uintptr_t)t;
        #if UINTPTR_MAX > 0xffffffffu
        *val = t->name; // 64-bit hosts: keep the type's name instead of its address
        #endif
        return MPRT_DEBUG_VAL_TYPED;
    }
}

static void tx_captured(uint8_t tag, uint32_t val) {
    tx_u8(tag);
    if (tag == MPRT_DEBUG_VAL_INT || tag == MPRT_DEBUG_VAL_FLOAT) {
        tx_u32(val);
    } else if (tag == MPRT_DEBUG_VAL_STR) {
        tx_qstr(val);
    } else if (tag == MPRT_DEBUG_VAL_TYPED) {
        #if UINTPTR_MAX > 0xffffffffu
        tx_qstr(val);
        #else
        const mp_obj_type_t *t = (const mp_obj_type_t *)(uintptr_t)val;
        tx_qstr(heap_ptr_ok(t) ? t->name : MP_QSTR_object);
        #endif
    }
}

// ---- breakpoints: per-function offsets -------------------------------------------------------

static void code_add_bps(mprt_debug_code_t *e, qstr file, size_t off, size_t line) {
    for (size_t i = 0; i < MPRT_DEBUG_MAX_BREAKPOINTS && e->n < MPRT_DEBUG_CODE_BPS; ++i) {
        if (dbg.bps[i].file == file && dbg.bps[i].line == line) {
            e->bp[e->n] = i;
            e->off[e->n] = off;
            e->n += 1;
        }
    }
}

// The breakpoints of the function running in cs, with the opcode offsets where their lines
// start (every run of opcodes of that line, as the line table gives them).
static mprt_debug_code_t *code_lookup(const mp_code_state_t *cs) {
    const mp_raw_code_t *rc = cs->fun_bc->rc;
    mprt_debug_code_t *e = &dbg.code[((uintptr_t)rc >> 3) % MPRT_DEBUG_CODE_CACHE];
    if (e->rc == rc && e->gen == dbg.bp_gen) {
        return e;
    }
    // Filled with interrupts masked: a hard handler may look up (and fill) the same entry.
    uint32_t state = MICROPY_BEGIN_ATOMIC_SECTION();
    e->rc = rc;
    e->gen = dbg.bp_gen;
    e->n = 0;
    qstr file = code_file(cs);
    bool any = false;
    for (size_t i = 0; i < MPRT_DEBUG_MAX_BREAKPOINTS; ++i) {
        any |= dbg.bps[i].file == file;
    }
    if (!any) {
        MICROPY_END_ATOMIC_SECTION(state);
        return e;
    }
    const byte *p = rc->prelude.line_info;
    const byte *top = rc->prelude.line_info_top;
    size_t off = 0, line = 1, prev = 0;
    while (p < top) {
        size_t b, l;
        if ((*p & 0x80) == 0) {
            b = *p & 0x1f;
            l = *p >> 5;
            p += 1;
        } else {
            b = *p & 0xf;
            l = ((*p << 4) & 0x700) | p[1];
            p += 2;
        }
        if (b != 0) {
            if (line != prev) {
                code_add_bps(e, file, off, line);
                prev = line;
            }
            off += b;
        }
        line += l;
    }
    if (line != prev) {
        code_add_bps(e, file, off, line);
    }
    MICROPY_END_ATOMIC_SECTION(state);
    return e;
}

static mp_obj_frame_t *frame_for(const mp_code_state_t *cs) {
    if (dbg.n_bps != 0 && code_lookup(cs)->n != 0) {
        return &mprt_debug_frame_bp;
    }
    return &mprt_debug_frame_plain;
}

// Gives every frame of the running stack the sentinel it now needs (after attach, or after the
// breakpoints changed). Main context only.
static void refresh_frames(void) {
    if (MP_STATE_THREAD(prof_trace_callback) != MP_OBJ_NULL) {
        return;
    }
    for (mp_code_state_t *cs = MP_STATE_THREAD(current_code_state); cs != NULL; cs = cs->prev_state) {
        if (dbg.attached) {
            cs->frame = frame_for(cs);
        }
    }
}

// ---- tracepoints and statistics --------------------------------------------------------------

static void snapshot(mp_code_state_t *cs, uint8_t bp, bool hard) {
    uint32_t now = mprt_debug_port_ticks();
    uint32_t state = MICROPY_BEGIN_ATOMIC_SECTION();
    uint8_t head = dbg.tr_head;
    if ((uint8_t)(head - dbg.tr_tail) >= MPRT_DEBUG_TRACE_RING) {
        dbg.tr_lost += 1;
        MICROPY_END_ATOMIC_SECTION(state);
        return;
    }
    dbg.tr_head = head + 1;
    dbg.tr_hits += 1;
    MICROPY_END_ATOMIC_SECTION(state);
    mprt_debug_trace_t *t = &dbg.trace[head % MPRT_DEBUG_TRACE_RING];
    t->ticks = now;
    t->line = code_line(cs);
    t->function = code_name(cs);
    t->bp = bp;
    t->hard = hard;
    size_t n = cs->n_state < MPRT_DEBUG_TRACE_LOCALS ? cs->n_state : MPRT_DEBUG_TRACE_LOCALS;
    t->n = n;
    for (size_t i = 0; i < n; ++i) {
        t->tag[i] = capture(slot_value(cs, i), &t->val[i]);
    }
    if (!dbg.loopback) {
        // Reported when the main context next runs (scheduling a static node is interrupt-safe).
        mp_sched_schedule_node(&mprt_debug_node, mprt_debug_node_cb);
    }
}

// Sends the waiting snapshots as TRACEPOINT events (main context).
static void flush_traces(void) {
    while (dbg.tr_tail != dbg.tr_head) {
        mprt_debug_trace_t *t = &dbg.trace[dbg.tr_tail % MPRT_DEBUG_TRACE_RING];
        tx_begin(MPRT_DEBUG_EVT_TRACEPOINT, 0);
        tx_u8(t->bp);
        tx_u8(t->hard);
        tx_u32(ticks_to_us(t->ticks));
        tx_qstr(t->function);
        tx_u16(t->line);
        tx_u32(dbg.tr_lost);
        tx_list_t l;
        tx_list_begin(&l);
        for (size_t i = 0; i < t->n; ++i) {
            tx_item_begin(&l);
            tx_u8(i);
            tx_captured(t->tag[i], t->val[i]);
            tx_item_end(&l);
        }
        dbg.tr_tail += 1;
        tx_send();
    }
}

void mprt_debug_hard_enter(mp_obj_t handler, uint32_t irq_ticks) {
    if (!dbg.attached) {
        return;
    }
    const void *key = MP_OBJ_TO_PTR(handler);
    if (mp_obj_is_type(handler, &mp_type_fun_bc)) {
        key = ((mp_obj_fun_bc_t *)MP_OBJ_TO_PTR(handler))->rc;
    }
    int free_slot = -1;
    int slot = -1;
    for (int i = 0; i < MPRT_DEBUG_HANDLERS; ++i) {
        if (dbg.handlers[i].key == key) {
            slot = i;
            break;
        }
        if (dbg.handlers[i].key == NULL && free_slot < 0) {
            free_slot = i;
        }
    }
    if (slot < 0) {
        if (free_slot < 0) {
            dbg.hard_slot = -1;
            return;
        }
        slot = free_slot;
        mprt_debug_handler_t *h = &dbg.handlers[slot];
        memset(h, 0, sizeof(*h));
        h->key = key;
        h->lat_min = 0xffffffffu;
        h->name = mp_obj_is_type(handler, &mp_type_fun_bc) ? mp_obj_fun_get_name(handler)
            : mp_obj_get_type(handler)->name;
    }
    dbg.handlers[slot].count += 1;
    dbg.hard_slot = slot;
    dbg.hard_irq_ticks = irq_ticks;
    dbg.hard_first = true;
}

void mprt_debug_hard_exit(void) {
    dbg.hard_first = false;
}

static void hard_first_line(void) {
    dbg.hard_first = false;
    if (dbg.hard_slot < 0) {
        return;
    }
    mprt_debug_handler_t *h = &dbg.handlers[dbg.hard_slot];
    uint32_t lat = mprt_debug_port_ticks() - dbg.hard_irq_ticks;
    h->lat_n += 1;
    h->lat_sum += lat;
    if (lat < h->lat_min) {
        h->lat_min = lat;
    }
    if (lat > h->lat_max) {
        h->lat_max = lat;
    }
    uint32_t us = ticks_to_us(lat);
    size_t b = 0;
    while (b < MPRT_DEBUG_HIST_BUCKETS - 1 && us >= ((uint32_t)MPRT_DEBUG_HIST_BASE_US << b)) {
        ++b;
    }
    h->hist[b] += 1;
}

// ---- conditions and evaluation ---------------------------------------------------------------

static size_t count_names(const char *names, size_t len) {
    if (len == 0) {
        return 0;
    }
    size_t n = 1;
    for (size_t i = 0; i < len; ++i) {
        n += names[i] == ',';
    }
    return n;
}

// Compiles "lambda <names>: (<expr>)" in the given globals (main context, may raise).
static mp_obj_t compile_lambda(const char *names, size_t nlen, const char *expr, size_t elen,
    mp_obj_dict_t *globals) {
    vstr_t src;
    vstr_init(&src, nlen + elen + 16);
    vstr_add_str(&src, "lambda ");
    vstr_add_strn(&src, names, nlen);
    vstr_add_str(&src, ":(");
    vstr_add_strn(&src, expr, elen);
    vstr_add_str(&src, ")");
    mp_lexer_t *lex = mp_lexer_new_from_str_len(MP_QSTR__lt_debug_gt_, src.buf, src.len, 0);
    mp_obj_dict_t *old = mp_globals_get();
    mp_globals_set(globals);
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_parse_tree_t pt = mp_parse(lex, MP_PARSE_EVAL_INPUT);
        mp_obj_t mod = mp_compile(&pt, MP_QSTR__lt_debug_gt_, false);
        mp_obj_t lam = mp_call_function_0(mod);
        nlr_pop();
        mp_globals_set(old);
        vstr_clear(&src);
        return lam;
    }
    mp_globals_set(old);
    vstr_clear(&src);
    nlr_jump(nlr.ret_val);
}

// Calls a compiled lambda with the first n local slots of cs (cells unwrapped, unbound as None).
static mp_obj_t call_lambda(mp_obj_t lam, mp_code_state_t *cs, size_t n) {
    mp_obj_t args[16];
    if (n > MP_ARRAY_SIZE(args)) {
        n = MP_ARRAY_SIZE(args);
    }
    if (n > cs->n_state) {
        n = cs->n_state;
    }
    for (size_t i = 0; i < n; ++i) {
        mp_obj_t v = slot_value(cs, i);
        args[i] = v == MP_OBJ_NULL ? mp_const_none : v;
    }
    return mp_call_function_n_kw(lam, n, 0, args);
}

// Evaluates a breakpoint's condition in any context, without tracing it. Errors count as true.
static bool condition_true(mp_code_state_t *cs, size_t bp) {
    mp_obj_list_t *conds = heap_list(HEAP_CONDS);
    if (conds == NULL) {
        return true;
    }
    mp_obj_t entry = conds->items[bp];
    if (entry == mp_const_none) {
        return true;
    }
    mp_obj_t *e;
    mp_obj_get_array_fixed_n(entry, 2, &e);
    bool result = true;
    bool was = mp_prof_is_executing;
    mp_prof_is_executing = true;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        result = mp_obj_is_true(call_lambda(e[0], cs, MP_OBJ_SMALL_INT_VALUE(e[1])));
        nlr_pop();
    }
    mp_prof_is_executing = was;
    return result;
}

// ---- stopping --------------------------------------------------------------------------------

static bool service_once(void);

static void begin_stop(mp_code_state_t *cs) {
    dbg.stopped = true;
    dbg.stop_cs = cs;
    dbg.pause = false;
    dbg.step_kind = 0xff;
    dbg.fn_cs = NULL;
    update_ticking();
    mp_obj_t refs = heap_item(HEAP_REFS);
    if (refs != MP_OBJ_NULL) {
        list_clear(refs);
    }
}

static void stop(mp_code_state_t *cs, uint8_t reason, uint8_t bp, const char *text, size_t text_len) {
    if (dbg.loopback) {
        // No link to wait on: a stop is recorded like a tracepoint.
        snapshot(cs, bp, false);
        dbg.pause = false;
        dbg.step_kind = 0xff;
        update_ticking();
        return;
    }
    begin_stop(cs);
    // A request that came in with the event that stopped us (PAUSE) is answered first.
    service_once();
    flush_traces();
    tx_begin(MPRT_DEBUG_EVT_STOPPED, 0);
    tx_u8(reason);
    tx_u8(bp);
    tx_qstr(code_file(cs));
    tx_qstr(code_name(cs));
    tx_u16(code_line(cs));
    tx_strn(text, text_len);
    tx_u8(callback_frames(cs));
    tx_send();
    while (dbg.stopped && dbg.attached) {
        if (!service_once()) {
            mprt_debug_port_wait();
        }
    }
    dbg.stopped = false;
    dbg.stop_cs = NULL;
    mp_obj_t refs = heap_item(HEAP_REFS);
    if (refs != MP_OBJ_NULL) {
        list_clear(refs);
    }
    if (dbg.step_kind != 0xff) {
        dbg.step_cs = cs;
        dbg.step_depth = chain_depth(cs);
        dbg.step_line = code_line(cs);
        dbg.track_cs = cs;
        dbg.track_depth = dbg.step_depth;
    }
    update_ticking();
}

// Returns true if the breakpoint stopped the program (or would have).
static bool bp_hit(mp_code_state_t *cs, size_t i, bool hard) {
    mprt_debug_bp_t *b = &dbg.bps[i];
    if (b->has_cond && !condition_true(cs, i)) {
        return false;
    }
    b->hits += 1;
    if (b->hit_target != 0) {
        if ((b->flags & MPRT_DEBUG_BP_HIT_EQUAL) ? b->hits != b->hit_target : b->hits < b->hit_target) {
            return false;
        }
    }
    if (hard || (b->flags & MPRT_DEBUG_BP_LOG)) {
        snapshot(cs, i, hard);
        if (!hard) {
            flush_traces();
        }
        return false;
    }
    stop(cs, MPRT_DEBUG_STOP_BREAKPOINT, i, "", 0);
    return true;
}

static void step_tick(mp_code_state_t *cs, bool new_iter) {
    if (cs != dbg.track_cs) {
        dbg.track_cs = cs;
        dbg.track_depth = chain_depth(cs);
    }
    size_t d = dbg.track_depth;
    bool same = cs == dbg.step_cs;
    switch (dbg.step_kind) {
        case MPRT_DEBUG_STEP_IN:
            if (!same || new_iter || code_line(cs) != dbg.step_line) {
                break;
            }
            return;
        case MPRT_DEBUG_STEP_OVER:
            if (d > dbg.step_depth) {
                return;
            }
            if (d < dbg.step_depth || !same || new_iter || code_line(cs) != dbg.step_line) {
                break;
            }
            return;
        default: // OUT
            if (d < dbg.step_depth) {
                break;
            }
            return;
    }
    stop(cs, MPRT_DEBUG_STOP_STEP, NO_BP, "", 0);
}

static inline bool hard_context(void) {
    return mprt_debug_port_in_isr() || gc_is_locked();
}

// Runs before every opcode of a function with a breakpoint, and of every function while pausing
// or stepping: the common case (no hit, nothing else to do) returns after a few compares.
static void tick(mp_code_state_t *cs, mp_obj_frame_t *f) {
    bool new_iter = f->lineno == 0;
    f->lineno = 1;
    if (f == &mprt_debug_frame_bp) {
        if (dbg.fn_cs == cs) {
            dbg.fn_cs = NULL;
            if (hard_context()) {
                snapshot(cs, NO_BP, true);
            } else {
                size_t len;
                const char *name = (const char *)qstr_data(code_name(cs), &len);
                stop(cs, MPRT_DEBUG_STOP_FUNCTION, NO_BP, name, len);
                return;
            }
        }
        if (dbg.n_bps != 0) {
            mprt_debug_code_t *e = code_lookup(cs);
            size_t off = cs->ip - cs->fun_bc->rc->prelude.opcodes;
            for (size_t i = 0; i < e->n; ++i) {
                if (e->off[i] == off) {
                    if (bp_hit(cs, e->bp[i], hard_context())) {
                        return;
                    }
                }
            }
        }
    }
    if (mprt_debug_frame_plain.callback == MP_OBJ_NULL || hard_context()) {
        return; // not pausing or stepping; or in a hard handler, where neither applies
    }
    if (dbg.pause) {
        stop(cs, MPRT_DEBUG_STOP_PAUSE, NO_BP, "", 0);
        return;
    }
    if (dbg.step_kind != 0xff) {
        step_tick(cs, new_iter);
    }
}

// ---- the VM hooks (linked in place of py/profile.c's functions, see micropython.mk) ---------

mp_obj_t __real_mp_prof_frame_enter(mp_code_state_t *code_state);
mp_obj_t __real_mp_prof_frame_update(const mp_code_state_t *code_state);
mp_obj_t __real_mp_prof_instr_tick(mp_code_state_t *code_state, bool is_exception);
void __real_mp_obj_exception_add_traceback(mp_obj_t self_in, qstr file, size_t line, qstr block);
void __real_gc_collect(void);

mp_obj_t __wrap_mp_prof_frame_enter(mp_code_state_t *code_state);
mp_obj_t __wrap_mp_prof_frame_enter(mp_code_state_t *code_state) {
    if (!dbg.attached || MP_STATE_THREAD(prof_trace_callback) != MP_OBJ_NULL) {
        return __real_mp_prof_frame_enter(code_state);
    }
    if (dbg.hard_first) {
        hard_first_line();
    }
    track_callback(code_state);
    bool first_call = code_state->frame == NULL;
    if (first_call && dbg.n_fbps != 0) {
        qstr name = code_name(code_state);
        for (size_t i = 0; i < dbg.n_fbps; ++i) {
            if (dbg.fbps[i] == name) {
                dbg.fn_cs = code_state;
                code_state->frame = &mprt_debug_frame_bp;
                return MP_OBJ_NULL;
            }
        }
    }
    code_state->frame = frame_for(code_state);
    return MP_OBJ_NULL;
}

mp_obj_t __wrap_mp_prof_frame_update(const mp_code_state_t *code_state);
mp_obj_t __wrap_mp_prof_frame_update(const mp_code_state_t *code_state) {
    if (is_sentinel(code_state->frame)) {
        return MP_OBJ_FROM_PTR(code_state->frame);
    }
    return __real_mp_prof_frame_update(code_state);
}

mp_obj_t __wrap_mp_prof_instr_tick(mp_code_state_t *code_state, bool is_exception);
mp_obj_t __wrap_mp_prof_instr_tick(mp_code_state_t *code_state, bool is_exception) {
    mp_obj_frame_t *f = code_state->frame;
    if (!is_sentinel(f)) {
        return __real_mp_prof_instr_tick(code_state, is_exception);
    }
    if (!is_exception && dbg.attached) {
        tick(code_state, f);
    }
    return mp_const_none;
}

// True if an exception at cs->ip is inside a try/with block of that function. The opcodes are
// scanned from the start: every SETUP_WITH/EXCEPT/FINALLY before ip whose handler lies after ip
// protects it.
static bool ip_protected(const mp_code_state_t *cs) {
    const byte *ip = cs->fun_bc->rc->prelude.opcodes;
    const byte *at = cs->ip;
    while (ip < at) {
        byte op = *ip++;
        size_t fmt = MP_BC_FORMAT(op);
        size_t arg = 0;
        if (fmt == MP_BC_FORMAT_QSTR || fmt == MP_BC_FORMAT_VAR_UINT) {
            while (*ip++ & 0x80) {
            }
        } else if (fmt == MP_BC_FORMAT_OFFSET) {
            if (*ip & 0x80) {
                arg = (ip[0] & 0x7f) | (ip[1] << 7);
                ip += 2;
            } else {
                arg = ip[0];
                ip += 1;
            }
        }
        if ((op & MP_BC_MASK_EXTRA_BYTE) == 0) {
            ip += 1;
        }
        if ((op == MP_BC_SETUP_WITH || op == MP_BC_SETUP_EXCEPT || op == MP_BC_SETUP_FINALLY)
            && at < ip + arg) {
            return true;
        }
    }
    return false;
}

void __wrap_mp_obj_exception_add_traceback(mp_obj_t self_in, qstr file, size_t line, qstr block);
void __wrap_mp_obj_exception_add_traceback(mp_obj_t self_in, qstr file, size_t line, qstr block) {
    __real_mp_obj_exception_add_traceback(self_in, file, line, block);
    if (!dbg.attached || dbg.exc_flags == 0 || mp_prof_is_executing || dbg.loopback
        || mprt_debug_port_in_isr() || gc_is_locked()) {
        return;
    }
    mp_code_state_t *cs = MP_STATE_THREAD(current_code_state);
    if (cs == NULL || !is_sentinel(cs->frame) || MP_OBJ_TO_PTR(self_in) == dbg.last_exc) {
        return;
    }
    dbg.last_exc = MP_OBJ_TO_PTR(self_in);
    const mp_obj_type_t *t = mp_obj_get_type(self_in);
    if (!mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(t), MP_OBJ_FROM_PTR(&mp_type_Exception))
        || mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(t), MP_OBJ_FROM_PTR(&mp_type_StopIteration))) {
        return;
    }
    bool raised = dbg.exc_flags & MPRT_DEBUG_EXC_RAISED;
    if (!raised) {
        for (const mp_code_state_t *c = cs; c != NULL; c = c->prev_state) {
            if (ip_protected(c)) {
                return;
            }
        }
    }
    char buf[REPR_MAX * 2];
    bounded_print_t b = { buf, 0, sizeof(buf) };
    mp_print_t print = { &b, bounded_strn };
    bool was = mp_prof_is_executing;
    mp_prof_is_executing = true;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_print_helper(&print, self_in, PRINT_EXC);
        nlr_pop();
    }
    mp_prof_is_executing = was;
    stop(cs, MPRT_DEBUG_STOP_EXCEPTION, raised ? MPRT_DEBUG_EXC_RAISED : MPRT_DEBUG_EXC_UNCAUGHT, buf, b.len);
}

void __wrap_gc_collect(void);
void __wrap_gc_collect(void) {
    uint32_t t0 = mprt_debug_port_ticks();
    __real_gc_collect();
    uint32_t dt = mprt_debug_port_ticks() - t0;
    dbg.gc_count += 1;
    dbg.gc_ticks += dt;
    if (dt > dbg.gc_max) {
        dbg.gc_max = dt;
    }
}

// ---- imports of uploaded files -----------------------------------------------------------------

// `import helper` finds a file uploaded with UPLOAD_* ("helper.py", "pkg/__init__.py"), before the
// filesystem: py/builtinimport.c's calls of mp_vfs_import_stat and mp_lexer_new_from_file are
// linked here (MICROPY_VFS builds). Uploaded files live until the next soft reset.
// The data of an uploaded file (a bytearray), or MP_OBJ_NULL.
static mp_obj_t uploaded_file_n(const char *path, size_t len) {
    mp_obj_t files = heap_item(HEAP_FILES);
    qstr q = qstr_find_strn(path, len);
    if (files == MP_OBJ_NULL || q == MP_QSTRnull) {
        return MP_OBJ_NULL;
    }
    mp_map_elem_t *e = mp_map_lookup(mp_obj_dict_get_map(files), MP_OBJ_NEW_QSTR(q), MP_MAP_LOOKUP);
    return e == NULL ? MP_OBJ_NULL : e->value;
}

#if MICROPY_VFS

static mp_obj_t uploaded_file(const char *path) {
    return uploaded_file_n(path, strlen(path));
}

static bool uploaded_dir(const char *path) {
    mp_obj_t files = heap_item(HEAP_FILES);
    if (files == MP_OBJ_NULL) {
        return false;
    }
    size_t n = strlen(path);
    mp_map_t *map = mp_obj_dict_get_map(files);
    for (size_t i = 0; i < map->alloc; ++i) {
        if (mp_map_slot_is_filled(map, i)) {
            size_t len;
            const char *name = mp_obj_str_get_data(map->table[i].key, &len);
            if (len > n && name[n] == '/' && strncmp(name, path, n) == 0) {
                return true;
            }
        }
    }
    return false;
}

mp_import_stat_t __real_mp_vfs_import_stat(const char *path);
mp_import_stat_t __wrap_mp_vfs_import_stat(const char *path);
mp_import_stat_t __wrap_mp_vfs_import_stat(const char *path) {
    if (uploaded_file(path) != MP_OBJ_NULL) {
        return MP_IMPORT_STAT_FILE;
    }
    if (uploaded_dir(path)) {
        return MP_IMPORT_STAT_DIR;
    }
    return __real_mp_vfs_import_stat(path);
}

mp_lexer_t *__real_mp_lexer_new_from_file(qstr filename);
mp_lexer_t *__wrap_mp_lexer_new_from_file(qstr filename);
mp_lexer_t *__wrap_mp_lexer_new_from_file(qstr filename) {
    mp_obj_t data = uploaded_file(qstr_str(filename));
    if (data == MP_OBJ_NULL) {
        return __real_mp_lexer_new_from_file(filename);
    }
    mp_buffer_info_t bi;
    mp_get_buffer_raise(data, &bi, MP_BUFFER_READ);
    return mp_lexer_new_from_str_len(filename, bi.buf, bi.len, 0);
}

#endif

// ---- requests --------------------------------------------------------------------------------

typedef struct { const uint8_t *p; const uint8_t *end; bool bad; } rd_t;

static uint32_t rd_u8(rd_t *r) {
    if (r->p >= r->end) {
        r->bad = true;
        return 0;
    }
    return *r->p++;
}

static uint32_t rd_u16(rd_t *r) {
    uint32_t v = rd_u8(r);
    return v | (rd_u8(r) << 8);
}

static uint32_t rd_u32(rd_t *r) {
    uint32_t v = rd_u16(r);
    return v | (rd_u16(r) << 16);
}

static const char *rd_str(rd_t *r, size_t *len) {
    *len = rd_u8(r);
    const char *s = (const char *)r->p;
    if (r->p + *len > r->end) {
        r->bad = true;
        *len = 0;
        return "";
    }
    r->p += *len;
    return s;
}

static mp_code_state_t *frame_at(size_t i) {
    mp_code_state_t *cs = dbg.stop_cs;
    while (cs != NULL && i--) {
        cs = cs->prev_state;
    }
    return cs;
}

static void ensure_heap(void) {
    if (MP_STATE_VM(mprt_debug_heap) == MP_OBJ_NULL) {
        mp_obj_t items[HEAP_N] = {
            mp_obj_new_list(MPRT_DEBUG_MAX_BREAKPOINTS, NULL),
            mp_obj_new_dict(0),
            mp_const_none,
            mp_obj_new_list(0, NULL),
        };
        mp_obj_list_t *conds = MP_OBJ_TO_PTR(items[HEAP_CONDS]);
        for (size_t i = 0; i < MPRT_DEBUG_MAX_BREAKPOINTS; ++i) {
            conds->items[i] = mp_const_none;
        }
        MP_STATE_VM(mprt_debug_heap) = mp_obj_new_list(HEAP_N, items);
    }
}

// The port's link: on from attach() until detach() or a soft reset. A DETACH request ends the
// session but leaves the link on ("parked"), so that a host can attach again with HELLO without
// going through the REPL (and without interrupting a program that runs on).
static void link_listen(bool on) {
    if (dbg.listening != on) {
        mprt_debug_port_listen(on); // may raise (unix: no thread)
        dbg.listening = on;
    }
}

static void do_attach(bool loopback) {
    ensure_heap();
    dbg.loopback = loopback;
    dbg.attached = true;
    dbg.step_kind = 0xff;
    update_ticking();
    refresh_frames();
    link_listen(!loopback);
}

// Ends the session: the hooks are off (a stopped program continues), the link stays as it is.
static void do_detach(void) {
    dbg.attached = false;
    dbg.stopped = false;
    dbg.pause = false;
    dbg.step_kind = 0xff;
    dbg.fn_cs = NULL;
    update_ticking();
}

static void reply_value(uint16_t seq, mp_obj_t v) {
    tx_begin(MPRT_DEBUG_REP_OK, seq);
    tx_value(v);
    tx_send();
}

static void reply_exception(uint16_t seq, mp_obj_t exc) {
    char buf[REPR_MAX * 2];
    bounded_print_t b = { buf, 0, sizeof(buf) - 1 };
    mp_print_t print = { &b, bounded_strn };
    mp_obj_print_helper(&print, exc, PRINT_EXC);
    buf[b.len] = 0;
    tx_error(seq, MPRT_DEBUG_ERR_EXCEPTION, buf);
}

// Forgets the modules imported from uploaded files (sys.modules), so that a new run imports the
// files as they are now: "pkg/sub.py" was module "pkg.sub", "pkg/__init__.py" module "pkg".
static void forget_uploaded_modules(void) {
    mp_obj_t files = heap_item(HEAP_FILES);
    if (files == MP_OBJ_NULL) {
        return;
    }
    mp_map_t *map = mp_obj_dict_get_map(files);
    mp_map_t *modules = &MP_STATE_VM(mp_loaded_modules_dict).map;
    for (size_t i = 0; i < map->alloc; ++i) {
        if (!mp_map_slot_is_filled(map, i)) {
            continue;
        }
        size_t len;
        const char *path = mp_obj_str_get_data(map->table[i].key, &len);
        char mod[64];
        if (len < 4 || len - 3 >= sizeof(mod) || strncmp(path + len - 3, ".py", 3) != 0) {
            continue;
        }
        len -= 3;
        if (len >= 9 && strncmp(path + len - 9, "/__init__", 9) == 0) {
            len -= 9;
        }
        for (size_t k = 0; k < len; ++k) {
            mod[k] = path[k] == '/' ? '.' : path[k];
        }
        qstr q = qstr_find_strn(mod, len);
        if (q != MP_QSTRnull) {
            mp_map_lookup(modules, MP_OBJ_NEW_QSTR(q), MP_MAP_LOOKUP_REMOVE_IF_FOUND);
        }
    }
}

// Runs an uploaded file (main context, REPL idle): the program runs nested in the scheduled
// callback that serves the host, with the scheduler unlocked so that its soft callbacks run.
static void run_file(qstr name, mp_obj_t data) {
    forget_uploaded_modules();
    dbg.running_file = true;
    mp_sched_unlock();
    mp_hal_set_interrupt_char(3); // Ctrl-C
    bool ok = true;
    char buf[REPR_MAX * 2];
    bounded_print_t b = { buf, 0, sizeof(buf) };
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_buffer_info_t bi;
        mp_get_buffer_raise(data, &bi, MP_BUFFER_READ);
        mp_lexer_t *lex = mp_lexer_new_from_str_len(name, bi.buf, bi.len, 0);
        mp_parse_tree_t pt = mp_parse(lex, MP_PARSE_FILE_INPUT);
        mp_obj_t mod = mp_compile(&pt, name, false);
        mp_call_function_0(mod);
        mp_handle_pending(true);
        nlr_pop();
    } else {
        ok = false;
        mp_obj_t exc = MP_OBJ_FROM_PTR(nlr.ret_val);
        mp_print_t print = { &b, bounded_strn };
        mp_obj_print_helper(&print, exc, PRINT_EXC);
        if (mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(mp_obj_get_type(exc)), MP_OBJ_FROM_PTR(&mp_type_SystemExit))) {
            ok = true; // sys.exit() or SOFT_RESET: the host soft-resets the idle REPL (Ctrl-D) if it wants to
        } else {
            mp_obj_print_exception(&mp_plat_print, exc);
        }
    }
    mp_hal_set_interrupt_char(-1);
    mp_sched_lock();
    dbg.running_file = false;
    if (dbg.attached) {
        flush_traces();
        tx_begin(MPRT_DEBUG_EVT_FINISHED, 0);
        tx_u8(ok);
        tx_strn(buf, b.len);
        tx_send();
    }
}

static mp_obj_t handle_eval(rd_t *r, uint8_t type, mp_code_state_t **cs_out, int *slot_out, qstr *name_out) {
    mp_code_state_t *cs = frame_at(rd_u8(r));
    if (type == MPRT_DEBUG_MSG_SET_LOCAL) {
        *slot_out = rd_u8(r);
    } else if (type == MPRT_DEBUG_MSG_SET_GLOBAL) {
        size_t len;
        const char *s = rd_str(r, &len);
        *name_out = qstr_from_strn(s, len);
    }
    size_t nlen, elen;
    const char *names = rd_str(r, &nlen);
    const char *expr = rd_str(r, &elen);
    if (r->bad || cs == NULL) {
        mp_raise_ValueError(MP_ERROR_TEXT("bad frame"));
    }
    *cs_out = cs;
    mp_obj_t lam = compile_lambda(names, nlen, expr, elen, cs->fun_bc->context->module.globals);
    return call_lambda(lam, cs, count_names(names, nlen));
}

static void handle(const uint8_t *buf, size_t len) {
    rd_t r = { buf + 3, buf + len, false };
    uint8_t type = buf[0];
    uint16_t seq = buf[1] | (buf[2] << 8);
    bool stopped = dbg.stopped;
    switch (type) {
        case MPRT_DEBUG_MSG_HELLO: {
            rd_u8(&r);
            if (!dbg.attached && dbg.listening) {
                do_attach(false); // the link was parked by DETACH: a new session
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(MPRT_DEBUG_PROTOCOL_VERSION);
            uint32_t caps = 0xffff & ~(dbg.loopback ? MPRT_DEBUG_CAP_PAUSE | MPRT_DEBUG_CAP_STEP : 0);
            if (!dbg.loopback) {
                caps |= MPRT_DEBUG_CAP_STOP;
            }
            tx_u32(caps);
            tx_u16(MPRT_DEBUG_MAX_PAYLOAD);
            tx_u32(mprt_debug_port_tick_hz());
            tx_str(mprt_debug_port_board());
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_DETACH:
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            do_detach();
            return;
        case MPRT_DEBUG_MSG_ADD_BREAKPOINT: {
            size_t flen, nlen, clen;
            const char *file = rd_str(&r, &flen);
            uint16_t line = rd_u16(&r);
            uint16_t hits = rd_u16(&r);
            uint8_t flags = rd_u8(&r);
            const char *names = rd_str(&r, &nlen);
            const char *cond = rd_str(&r, &clen);
            if (r.bad || line == 0) {
                break;
            }
            size_t i = 0;
            while (i < MPRT_DEBUG_MAX_BREAKPOINTS && dbg.bps[i].file != MP_QSTRnull) {
                ++i;
            }
            if (i == MPRT_DEBUG_MAX_BREAKPOINTS) {
                tx_error(seq, MPRT_DEBUG_ERR_FULL, "too many breakpoints");
                return;
            }
            mp_obj_t entry = mp_const_none;
            if (clen != 0) {
                nlr_buf_t nlr;
                if (nlr_push(&nlr) == 0) {
                    mp_obj_t lam = compile_lambda(names, nlen, cond, clen, &MP_STATE_VM(dict_main));
                    mp_obj_t pair[2] = { lam, MP_OBJ_NEW_SMALL_INT(count_names(names, nlen)) };
                    entry = mp_obj_new_tuple(2, pair);
                    nlr_pop();
                } else {
                    reply_exception(seq, MP_OBJ_FROM_PTR(nlr.ret_val));
                    return;
                }
            }
            heap_list(HEAP_CONDS)->items[i] = entry;
            mprt_debug_bp_t *b = &dbg.bps[i];
            b->line = line;
            b->hit_target = hits;
            b->hits = 0;
            b->flags = flags;
            b->has_cond = clen != 0;
            b->file = qstr_from_strn(file, flen);
            dbg.n_bps += 1;
            dbg.bp_gen += 1;
            refresh_frames();
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(i);
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_CLEAR_BREAKPOINTS: {
            size_t flen;
            const char *file = rd_str(&r, &flen);
            if (r.bad) {
                break;
            }
            qstr q = flen == 0 ? MP_QSTRnull : qstr_find_strn(file, flen);
            size_t removed = 0;
            for (size_t i = 0; i < MPRT_DEBUG_MAX_BREAKPOINTS; ++i) {
                if (dbg.bps[i].file != MP_QSTRnull && (flen == 0 || dbg.bps[i].file == q)) {
                    dbg.bps[i].file = MP_QSTRnull;
                    heap_list(HEAP_CONDS)->items[i] = mp_const_none;
                    removed += 1;
                }
            }
            dbg.n_bps -= removed;
            dbg.bp_gen += 1;
            refresh_frames();
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(removed);
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_FUNCTION_BREAKPOINTS: {
            size_t n = rd_u8(&r);
            if (n > MPRT_DEBUG_MAX_FUNCTION_BREAKPOINTS) {
                tx_error(seq, MPRT_DEBUG_ERR_FULL, "too many function breakpoints");
                return;
            }
            qstr names[MPRT_DEBUG_MAX_FUNCTION_BREAKPOINTS];
            for (size_t i = 0; i < n; ++i) {
                size_t len;
                const char *s = rd_str(&r, &len);
                names[i] = r.bad ? MP_QSTRnull : qstr_from_strn(s, len);
            }
            if (r.bad) {
                break;
            }
            memcpy(dbg.fbps, names, n * sizeof(qstr));
            dbg.n_fbps = n;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(n);
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_EXCEPTION_FILTERS:
            dbg.exc_flags = rd_u8(&r);
            if (r.bad) {
                break;
            }
            dbg.last_exc = NULL;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            return;
        case MPRT_DEBUG_MSG_CONTINUE:
        case MPRT_DEBUG_MSG_STEP: {
            uint8_t kind = type == MPRT_DEBUG_MSG_STEP ? rd_u8(&r) : 0xff;
            if (r.bad || (kind != 0xff && kind > MPRT_DEBUG_STEP_OUT)) {
                break;
            }
            if (!stopped) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_STOPPED, "not stopped");
                return;
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            dbg.step_kind = kind;
            dbg.stopped = false;
            return;
        }
        case MPRT_DEBUG_MSG_PAUSE:
        case MPRT_DEBUG_MSG_INTERRUPT:
            // Acted on when the frame arrived (rx_complete); this is the reply.
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            return;
        case MPRT_DEBUG_MSG_STACK: {
            size_t start = rd_u8(&r);
            size_t count = rd_u8(&r);
            if (r.bad) {
                break;
            }
            if (!stopped) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_STOPPED, "not stopped");
                return;
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            size_t total = chain_depth(dbg.stop_cs);
            tx_u8(total > 255 ? 255 : total);
            tx_list_t l;
            tx_list_begin(&l);
            for (mp_code_state_t *cs = frame_at(start); cs != NULL && l.count < count; cs = cs->prev_state) {
                tx_item_begin(&l);
                tx_qstr(code_file(cs));
                tx_qstr(code_name(cs));
                tx_u16(code_line(cs));
                if (!tx_item_end(&l)) {
                    break;
                }
            }
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_LOCALS: {
            mp_code_state_t *cs = frame_at(rd_u8(&r));
            size_t start = rd_u8(&r);
            size_t count = rd_u8(&r);
            if (r.bad) {
                break;
            }
            if (!stopped || cs == NULL) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_STOPPED, "not stopped");
                return;
            }
            const mp_bytecode_prelude_t *p = &cs->fun_bc->rc->prelude;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(cs->n_state > 255 ? 255 : cs->n_state);
            tx_u8(p->n_pos_args);
            tx_u8(p->n_kwonly_args);
            tx_list_t l;
            tx_list_begin(&l);
            for (size_t i = start; i < cs->n_state && l.count < count; ++i) {
                tx_item_begin(&l);
                tx_u8(i);
                mp_obj_t v = slot_value(cs, i);
                if (v != MP_OBJ_NULL && mp_obj_is_obj(v) && !heap_ptr_ok(MP_OBJ_TO_PTR(v))) {
                    v = MP_OBJ_NULL; // a stale value-stack word, not a local
                }
                tx_value(v);
                if (!tx_item_end(&l)) {
                    break;
                }
            }
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_GLOBALS: {
            size_t fi = rd_u8(&r);
            size_t start = rd_u16(&r);
            size_t count = rd_u8(&r);
            if (r.bad) {
                break;
            }
            mp_code_state_t *cs = stopped ? frame_at(fi) : NULL;
            mp_map_t *map = cs != NULL ? &cs->fun_bc->context->module.globals->map : &MP_STATE_VM(dict_main).map;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u16(map->used);
            tx_list_t l;
            tx_list_begin(&l);
            size_t k = 0;
            for (size_t i = 0; i < map->alloc && l.count < count; ++i) {
                if (!mp_map_slot_is_filled(map, i)) {
                    continue;
                }
                if (k++ < start) {
                    continue;
                }
                tx_item_begin(&l);
                mp_obj_t key = map->table[i].key;
                if (mp_obj_is_qstr(key)) {
                    tx_qstr(MP_OBJ_QSTR_VALUE(key));
                } else {
                    char kb[REPR_MAX];
                    tx_strn(kb, repr_of(key, kb, PRINT_STR));
                }
                tx_value(map->table[i].value);
                if (!tx_item_end(&l)) {
                    break;
                }
            }
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_EVALUATE:
        case MPRT_DEBUG_MSG_SET_LOCAL:
        case MPRT_DEBUG_MSG_SET_GLOBAL: {
            if (!stopped) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_STOPPED, "not stopped");
                return;
            }
            mp_code_state_t *cs = NULL;
            int slot = -1;
            qstr name = MP_QSTRnull;
            bool was = mp_prof_is_executing;
            mp_prof_is_executing = true;
            nlr_buf_t nlr;
            if (nlr_push(&nlr) == 0) {
                mp_obj_t v = handle_eval(&r, type, &cs, &slot, &name);
                if (type == MPRT_DEBUG_MSG_SET_LOCAL) {
                    if (slot >= cs->n_state) {
                        mp_raise_ValueError(MP_ERROR_TEXT("bad slot"));
                    }
                    mp_obj_t *p = slot_ptr(cs, slot);
                    if (is_cell(*p)) {
                        mp_obj_cell_set(*p, v);
                    } else {
                        *p = v;
                    }
                } else if (type == MPRT_DEBUG_MSG_SET_GLOBAL) {
                    mp_obj_dict_store(MP_OBJ_FROM_PTR(cs->fun_bc->context->module.globals), MP_OBJ_NEW_QSTR(name), v);
                }
                nlr_pop();
                mp_prof_is_executing = was;
                reply_value(seq, v);
            } else {
                mp_prof_is_executing = was;
                reply_exception(seq, MP_OBJ_FROM_PTR(nlr.ret_val));
            }
            return;
        }
        case MPRT_DEBUG_MSG_INSPECT: {
            uint32_t ref = rd_u32(&r);
            size_t start = rd_u16(&r);
            size_t count = rd_u8(&r);
            mp_obj_list_t *refs = heap_list(HEAP_REFS);
            if (r.bad) {
                break;
            }
            if (refs == NULL || ref == 0 || ref > refs->len) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_FOUND, "no such object (references last until the program continues)");
                return;
            }
            mp_obj_t o = refs->items[ref - 1];
            const mp_obj_type_t *t = mp_obj_get_type(o);
            mp_map_t *map = NULL;
            if (t == &mp_type_dict) {
                map = &((mp_obj_dict_t *)MP_OBJ_TO_PTR(o))->map;
            } else if (t == &mp_type_module) {
                map = &mp_obj_module_get_globals(o)->map;
            } else if (mp_obj_is_instance_type(t)) {
                map = &((mp_obj_instance_t *)MP_OBJ_TO_PTR(o))->members;
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u16(child_count(o));
            tx_list_t l;
            tx_list_begin(&l);
            if (map != NULL) {
                size_t k = 0;
                for (size_t i = 0; i < map->alloc && l.count < count; ++i) {
                    if (!mp_map_slot_is_filled(map, i) || k++ < start) {
                        continue;
                    }
                    tx_item_begin(&l);
                    tx_value(map->table[i].key);
                    tx_value(map->table[i].value);
                    if (!tx_item_end(&l)) {
                        break;
                    }
                }
            } else if (t == &mp_type_list || t == &mp_type_tuple) {
                size_t n;
                mp_obj_t *items;
                mp_obj_get_array(o, &n, &items);
                for (size_t i = start; i < n && l.count < count; ++i) {
                    tx_item_begin(&l);
                    tx_value(MP_OBJ_NEW_SMALL_INT(i));
                    tx_value(items[i]);
                    if (!tx_item_end(&l)) {
                        break;
                    }
                }
            } else if (t == &mp_type_bytearray || t == &mp_type_bytes) {
                mp_buffer_info_t bi;
                mp_get_buffer_raise(o, &bi, MP_BUFFER_READ);
                for (size_t i = start; i < bi.len && l.count < count; ++i) {
                    tx_item_begin(&l);
                    tx_value(MP_OBJ_NEW_SMALL_INT(i));
                    tx_value(MP_OBJ_NEW_SMALL_INT(((uint8_t *)bi.buf)[i]));
                    if (!tx_item_end(&l)) {
                        break;
                    }
                }
            } else if (is_set(o)) {
                mp_obj_t it = mp_getiter(o, NULL);
                mp_obj_t v;
                size_t i = 0;
                while ((v = mp_iternext(it)) != MP_OBJ_STOP_ITERATION && l.count < count) {
                    if (i >= start) {
                        tx_item_begin(&l);
                        tx_value(MP_OBJ_NEW_SMALL_INT(i));
                        tx_value(v);
                        if (!tx_item_end(&l)) {
                            break;
                        }
                    }
                    ++i;
                }
            }
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_UPLOAD_BEGIN: {
            size_t nlen;
            const char *name = rd_str(&r, &nlen);
            uint32_t size = rd_u32(&r);
            uint32_t crc = rd_u32(&r);
            if (r.bad || nlen == 0) {
                break;
            }
            mp_obj_t had = uploaded_file_n(name, nlen);
            if (had != MP_OBJ_NULL) {
                mp_buffer_info_t bi;
                mp_get_buffer_raise(had, &bi, MP_BUFFER_READ);
                if (bi.len == size && crc32_update(0, bi.buf, bi.len) == crc) {
                    tx_begin(MPRT_DEBUG_REP_OK, seq);
                    tx_u8(1); // present: nothing to send
                    tx_send();
                    return;
                }
            }
            // may raise MemoryError; not mp_obj_new_bytearray(size, NULL), which copies from NULL
            mp_obj_t buf = mp_obj_new_bytearray_by_ref(size, m_new(byte, size));
            ((mp_obj_list_t *)MP_OBJ_TO_PTR(MP_STATE_VM(mprt_debug_heap)))->items[HEAP_UPLOAD] = buf;
            dbg.up_name = qstr_from_strn(name, nlen);
            dbg.up_size = size;
            dbg.up_crc = crc;
            dbg.up_received = 0;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(0);
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_UPLOAD_DATA: {
            uint32_t off = rd_u32(&r);
            size_t n = rd_u16(&r);
            mp_obj_t buf = heap_item(HEAP_UPLOAD);
            if (r.bad || r.p + n > r.end) {
                break;
            }
            if (buf == mp_const_none || off + n > dbg.up_size) {
                tx_error(seq, MPRT_DEBUG_ERR_BAD_ARGUMENT, "no upload, or data beyond its size");
                return;
            }
            mp_buffer_info_t bi;
            mp_get_buffer_raise(buf, &bi, MP_BUFFER_WRITE);
            memcpy((uint8_t *)bi.buf + off, r.p, n);
            dbg.up_received += n;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u32(dbg.up_received);
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_UPLOAD_END: {
            mp_obj_t buf = heap_item(HEAP_UPLOAD);
            if (buf == mp_const_none) {
                tx_error(seq, MPRT_DEBUG_ERR_BAD_ARGUMENT, "no upload");
                return;
            }
            mp_buffer_info_t bi;
            mp_get_buffer_raise(buf, &bi, MP_BUFFER_READ);
            uint32_t crc = crc32_update(0, bi.buf, bi.len);
            ((mp_obj_list_t *)MP_OBJ_TO_PTR(MP_STATE_VM(mprt_debug_heap)))->items[HEAP_UPLOAD] = mp_const_none;
            if (crc != dbg.up_crc) {
                tx_error(seq, MPRT_DEBUG_ERR_CRC_MISMATCH, "CRC-32 of the received file differs");
                return;
            }
            mp_obj_dict_store(heap_item(HEAP_FILES), MP_OBJ_NEW_QSTR(dbg.up_name), buf);
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u32(crc);
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_RUN_FILE: {
            size_t nlen;
            const char *name = rd_str(&r, &nlen);
            if (r.bad) {
                break;
            }
            qstr q = qstr_find_strn(name, nlen);
            mp_map_elem_t *e = q == MP_QSTRnull ? NULL
                : mp_map_lookup(&((mp_obj_dict_t *)MP_OBJ_TO_PTR(heap_item(HEAP_FILES)))->map, MP_OBJ_NEW_QSTR(q), MP_MAP_LOOKUP);
            if (e == NULL) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_FOUND, "no such uploaded file");
                return;
            }
            if (stopped || dbg.running_file || mprt_debug_port_program_running()) {
                tx_error(seq, MPRT_DEBUG_ERR_NOT_IDLE, "a program is running");
                return;
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            run_file(q, e->value);
            return;
        }
        case MPRT_DEBUG_MSG_SOFT_RESET:
            if (!stopped && !dbg.running_file && !mprt_debug_port_program_running()) {
                tx_error(seq, MPRT_DEBUG_ERR_IDLE, "nothing runs: soft-reset from the REPL (Ctrl-D)");
                return;
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            mprt_debug_port_soft_reset();
            dbg.stopped = false;
            return;
        case MPRT_DEBUG_MSG_MEMORY: {
            gc_info_t info;
            gc_info(&info);
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u32(info.total);
            tx_u32(info.used);
            tx_u32(info.free);
            tx_u32(info.max_free * MICROPY_BYTES_PER_GC_BLOCK);
            tx_u32(dbg.gc_count);
            tx_u32(ticks_to_us(dbg.gc_ticks));
            tx_u32(ticks_to_us(dbg.gc_max));
            tx_u32(mp_stack_usage());
            tx_u32(MP_STATE_THREAD(stack_limit));
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_STATS: {
            size_t start = rd_u8(&r);
            size_t count = rd_u8(&r);
            if (r.bad) {
                break;
            }
            size_t total = 0;
            for (size_t i = 0; i < MPRT_DEBUG_HANDLERS; ++i) {
                total += dbg.handlers[i].key != NULL;
            }
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_u8(total);
            tx_u32(dbg.tr_hits);
            tx_u32(dbg.tr_lost);
            tx_list_t l;
            tx_list_begin(&l);
            size_t k = 0;
            for (size_t i = 0; i < MPRT_DEBUG_HANDLERS && l.count < count; ++i) {
                mprt_debug_handler_t *h = &dbg.handlers[i];
                if (h->key == NULL || k++ < start) {
                    continue;
                }
                tx_item_begin(&l);
                tx_qstr(h->name);
                tx_u32(h->count);
                tx_u32(h->lat_n ? ticks_to_ns(h->lat_min) : 0);
                tx_u32(h->lat_n ? ticks_to_ns(h->lat_sum / h->lat_n) : 0);
                tx_u32(ticks_to_ns(h->lat_max));
                tx_u8(MPRT_DEBUG_HIST_BUCKETS);
                for (size_t j = 0; j < MPRT_DEBUG_HIST_BUCKETS; ++j) {
                    tx_u32(h->hist[j]);
                }
                if (!tx_item_end(&l)) {
                    break;
                }
            }
            tx_send();
            return;
        }
        case MPRT_DEBUG_MSG_RESET_STATS:
            memset(dbg.handlers, 0, sizeof(dbg.handlers));
            dbg.tr_hits = 0;
            dbg.tr_lost = 0;
            dbg.gc_count = 0;
            dbg.gc_ticks = 0;
            dbg.gc_max = 0;
            tx_begin(MPRT_DEBUG_REP_OK, seq);
            tx_send();
            return;
        default:
            tx_error(seq, MPRT_DEBUG_ERR_UNKNOWN_REQUEST, "unknown request");
            return;
    }
    tx_error(seq, MPRT_DEBUG_ERR_BAD_ARGUMENT, "malformed request");
}

// Handles what is waiting (main context). Returns true if it did anything.
static bool service_once(void) {
    bool did = false;
    if (dbg.ctl_pending) {
        uint8_t copy[3];
        memcpy(copy, dbg.ctl, 3);
        dbg.ctl_pending = false;
        handle(copy, 3);
        did = true;
    }
    if (dbg.req_pending) {
        // Copied out first: while it is handled (RUN_FILE runs a whole program), the next request
        // may arrive.
        uint8_t copy[MPRT_DEBUG_MAX_PAYLOAD];
        size_t len = dbg.req_len;
        memcpy(copy, dbg.req, len);
        dbg.req_pending = false;
        nlr_buf_t nlr;
        if (nlr_push(&nlr) == 0) {
            handle(copy, len);
            nlr_pop();
        } else {
            reply_exception(copy[1] | (copy[2] << 8), MP_OBJ_FROM_PTR(nlr.ret_val));
        }
        did = true;
    }
    if (dbg.tr_tail != dbg.tr_head && dbg.attached) {
        flush_traces();
        did = true;
    }
    return did;
}

bool mprt_debug_has_work(void) {
    return dbg.ctl_pending || dbg.req_pending || dbg.tr_tail != dbg.tr_head;
}

static void mprt_debug_node_cb(mp_sched_node_t *node) {
    (void)node;
    service_once();
}

void mprt_debug_deinit(void) {
    if (dbg.attached) {
        do_detach();
    }
    link_listen(false);
    memset(&dbg, 0, sizeof(dbg));
    dbg.step_kind = 0xff;
    update_ticking();
    MP_STATE_VM(mprt_debug_heap) = MP_OBJ_NULL;
}

// ---- the Python module -----------------------------------------------------------------------

static mp_obj_t mprt_debug_attach(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_loopback };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_loopback, MP_ARG_KW_ONLY | MP_ARG_BOOL, {.u_bool = false} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(n_args, pos_args, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);
    bool loopback = args[ARG_loopback].u_bool;
    if (!loopback && !mprt_debug_port_has_link()) {
        mp_raise_msg(&mp_type_OSError, MP_ERROR_TEXT("no debug link on this port: use loopback=True"));
    }
    if (dbg.attached) {
        do_detach();
    }
    do_attach(loopback); // loopback=True turns the port's link off
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_KW(mprt_debug_attach_obj, 0, mprt_debug_attach);

static mp_obj_t mprt_debug_detach(void) {
    if (dbg.attached) {
        do_detach();
    }
    link_listen(false);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_0(mprt_debug_detach_obj, mprt_debug_detach);

static mp_obj_t mprt_debug_is_attached(void) {
    return mp_obj_new_bool(dbg.attached);
}
static MP_DEFINE_CONST_FUN_OBJ_0(mprt_debug_attached_obj, mprt_debug_is_attached);

// feed(data) -> bytes: the loopback link. Takes whole frames, handles each request at once, and
// returns the frames the monitor sent (replies and events).
static mp_obj_t mprt_debug_feed(mp_obj_t data_in) {
    if (!dbg.attached || !dbg.loopback) {
        mp_raise_msg(&mp_type_OSError, MP_ERROR_TEXT("not attached with loopback=True"));
    }
    mp_buffer_info_t bi;
    mp_get_buffer_raise(data_in, &bi, MP_BUFFER_READ);
    vstr_t out;
    vstr_init(&out, 64);
    dbg.loop_out = &out;
    const uint8_t *p = bi.buf;
    bool in_frame = false;
    for (size_t i = 0; i < bi.len; ++i) {
        if (!in_frame) {
            if (p[i] == MPRT_DEBUG_SYNC) {
                mprt_debug_rx_begin();
                in_frame = true;
            }
            continue;
        }
        in_frame = mprt_debug_rx_feed(p[i]);
        if (!in_frame) {
            service_once();
        }
    }
    flush_traces();
    dbg.loop_out = NULL;
    return mp_obj_new_bytes_from_vstr(&out);
}
static MP_DEFINE_CONST_FUN_OBJ_1(mprt_debug_feed_obj, mprt_debug_feed);

static mp_obj_t mprt_debug_crc32(size_t n_args, const mp_obj_t *args) {
    mp_buffer_info_t bi;
    mp_get_buffer_raise(args[0], &bi, MP_BUFFER_READ);
    uint32_t crc = n_args > 1 ? mp_obj_get_int_truncated(args[1]) : 0;
    return mp_obj_new_int_from_uint(crc32_update(crc, bi.buf, bi.len));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mprt_debug_crc32_obj, 1, 2, mprt_debug_crc32);

static const mp_rom_map_elem_t mprt_debug_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_mprt_debug) },
    { MP_ROM_QSTR(MP_QSTR_attach), MP_ROM_PTR(&mprt_debug_attach_obj) },
    { MP_ROM_QSTR(MP_QSTR_detach), MP_ROM_PTR(&mprt_debug_detach_obj) },
    { MP_ROM_QSTR(MP_QSTR_attached), MP_ROM_PTR(&mprt_debug_attached_obj) },
    { MP_ROM_QSTR(MP_QSTR_feed), MP_ROM_PTR(&mprt_debug_feed_obj) },
    { MP_ROM_QSTR(MP_QSTR_crc32), MP_ROM_PTR(&mprt_debug_crc32_obj) },
    { MP_ROM_QSTR(MP_QSTR_VERSION), MP_ROM_INT(MPRT_DEBUG_PROTOCOL_VERSION) },
};
static MP_DEFINE_CONST_DICT(mprt_debug_module_globals, mprt_debug_module_globals_table);

const mp_obj_module_t mprt_debug_module = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&mprt_debug_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_mprt_debug, mprt_debug_module);

#endif // MICROPY_PY_MPRT_DEBUG
