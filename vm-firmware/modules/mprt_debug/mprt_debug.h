// mprt_debug: an on-device debug monitor for MicroPython 1.25, as a user C module.
//
// The monitor is written in C and needs no patch to MicroPython. It hooks the VM through the
// functions that a MICROPY_PY_SYS_SETTRACE build calls from py/vm.c (mp_prof_frame_enter,
// mp_prof_frame_update, mp_prof_instr_tick), which the link redirects to this module with
// -Wl,--wrap (micropython.mk), and keeps all of its state in static RAM. docs/monitor.md has the
// design, docs/protocol.md the wire protocol.
//
// A port (board) gives the monitor a link to the host: it calls mprt_debug_rx_begin() when the
// frame start byte MPRT_DEBUG_SYNC arrives and mprt_debug_rx_feed() with each following byte,
// both from its receive interrupt, and implements the mprt_debug_port_* functions below. Without
// a link of its own, the Python function mprt_debug.feed() is the link (loopback). mprt's two
// builds have links: UART0 on the emulated board (mprt_debug_mps2.c), stdin/stdout on the unix
// build (mprt_debug_unix.c).
#ifndef MICROPY_INCLUDED_MPRT_DEBUG_H
#define MICROPY_INCLUDED_MPRT_DEBUG_H

#include "py/obj.h"

#if MICROPY_PY_MPRT_DEBUG

#include "mprt_debug_proto.h"

#if !MICROPY_PY_SYS_SETTRACE
#error "mprt_debug needs MICROPY_PY_SYS_SETTRACE (its VM hooks are the settrace hooks)"
#endif
#if !MICROPY_SCHEDULER_STATIC_NODES
#error "mprt_debug needs MICROPY_SCHEDULER_STATIC_NODES (it services the host from a scheduled C callback)"
#endif

// ---- sizes (all static RAM) ------------------------------------------------------------------
#ifndef MPRT_DEBUG_MAX_BREAKPOINTS
#define MPRT_DEBUG_MAX_BREAKPOINTS (16)
#endif
#ifndef MPRT_DEBUG_MAX_FUNCTION_BREAKPOINTS
#define MPRT_DEBUG_MAX_FUNCTION_BREAKPOINTS (4)
#endif
#ifndef MPRT_DEBUG_CODE_CACHE
#define MPRT_DEBUG_CODE_CACHE (8)           // functions whose breakpoint offsets are cached
#endif
#define MPRT_DEBUG_CODE_BPS (4)             // breakpoints per cached function
#ifndef MPRT_DEBUG_TRACE_RING
#define MPRT_DEBUG_TRACE_RING (8)           // tracepoint snapshots waiting for the main context
#endif
#define MPRT_DEBUG_TRACE_LOCALS (6)         // local slots captured per snapshot
#ifndef MPRT_DEBUG_HANDLERS
#define MPRT_DEBUG_HANDLERS (8)             // interrupt handlers with statistics
#endif

// ---- what a port provides ------------------------------------------------------------------
// Writes bytes to the host link (main context only; one call per frame).
void mprt_debug_port_tx(const uint8_t *data, size_t len);
// A free-running counter at MPRT_DEBUG_PORT_TICK_HZ, readable in any context.
uint32_t mprt_debug_port_ticks(void);
uint32_t mprt_debug_port_tick_hz(void);
// True in a hard interrupt handler (the monitor records there instead of stopping).
bool mprt_debug_port_in_isr(void);
// Starts (true) or stops (false) listening for frames on the REPL link. While it listens, the link
// takes every frame (from MPRT_DEBUG_SYNC on) out of what it receives; everything else, including
// the REPL's interrupt character (Ctrl-C while code runs), works as without the monitor.
void mprt_debug_port_listen(bool on);
// Waits until something happens (an interrupt): called while the program is stopped.
void mprt_debug_port_wait(void);
// Delivers a KeyboardInterrupt to the running program, if it accepts one.
void mprt_debug_port_interrupt(void);
// The board name reported in HELLO.
const char *mprt_debug_port_board(void);
// True if the port has a link (a UART) for attach() without loopback.
bool mprt_debug_port_has_link(void);
// True while a program runs (the REPL is not waiting for input).
bool mprt_debug_port_program_running(void);
// Ends the running program with a soft reset (main context).
void mprt_debug_port_soft_reset(void);

// ---- what the monitor provides to a port ---------------------------------------------------
// The frame start byte has arrived (interrupt context). The parser then expects the rest.
void mprt_debug_rx_begin(void);
// Feeds the next byte of a frame. Returns true while the frame needs more bytes, false when it
// is complete (queued for the main context) or was discarded.
bool mprt_debug_rx_feed(uint8_t c);
// True while the port's link listens: from attach() until detach() or a soft reset, also after a
// DETACH request has ended the session (a HELLO then starts a new one).
bool mprt_debug_listening(void);
// True while the monitor is attached (to the port's link or to the loopback link).
bool mprt_debug_attached(void);
// True if a request or a tracepoint waits for the main context (for mprt_debug_port_wait).
bool mprt_debug_has_work(void);
// A hard interrupt handler is about to run handler (for the statistics): irq_ticks is the
// counter value (mprt_debug_port_ticks) at which the interrupt fired. Returns a token for
// mprt_debug_hard_exit.
void mprt_debug_hard_enter(mp_obj_t handler, uint32_t irq_ticks);
void mprt_debug_hard_exit(void);
// A soft reset: clears everything that refers to the heap and detaches.
void mprt_debug_deinit(void);

#endif // MICROPY_PY_MPRT_DEBUG

#endif // MICROPY_INCLUDED_MPRT_DEBUG_H
