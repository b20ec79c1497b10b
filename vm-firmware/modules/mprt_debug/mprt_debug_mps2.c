// mprt_debug: the debug link on mprt's emulated board (qemu-mps2-an385, mprt_board).
//
// The monitor shares UART0 with the REPL. The board's receive interrupt (mprt_uart.c) puts every
// byte into the stdin ring, except the interrupt character, for which it calls
// mp_sched_keyboard_interrupt(), and the link's byte (mprt_uart_link_char), for which it calls
// mprt_uart_link_rx(). While the monitor listens, the link's byte is the frame start byte
// MPRT_DEBUG_SYNC: mprt_uart_link_rx() turns the UART's receiver off so that the board's handler
// reads no further byte, and pends the UART interrupt, which now comes here
// (--wrap=mprt_uart_rx_irq). This handler turns the receiver back on and feeds the bytes of the
// frame to the monitor's parser. When the frame is complete, further bytes go to the board's
// handler again. QEMU does not accept a byte from the host while the receiver is off, so nothing
// is lost. Everything that is not in a frame reaches the REPL exactly as before, Ctrl-C included.
//
// Hard handlers run in mprt_board_call_hard() (--wrap=mprt_board_call_hard): the time of the
// interrupt is taken from the counter of the timer that raised it, for the statistics.

#include "py/runtime.h"
#include "py/mphal.h"
#include "shared/runtime/interrupt_char.h"
#include "mprt_board.h"
#include "mprt_debug.h"

#if MICROPY_PY_MPRT_DEBUG && MICROPY_PY_MPRT

#define UART0_STATE MPRT_REG(0x40004004)
#define UART0_DATA MPRT_REG(0x40004000)
#define UART0_CTRL MPRT_REG(0x40004008)
#define UART0_INTSTATUS MPRT_REG(0x4000400c)
#define UART_STATE_RXFULL (1u << 1)
#define UART_CTRL_RX_EN (1u << 1)
#define UART_INT_RX (1u << 1)
#define NVIC_ISPR MPRT_REG(0xe000e200)

#define TIMER_VALUE(base) MPRT_REG((base) + 0x04)
#define TIMER_RELOAD(base) MPRT_REG((base) + 0x08)
#define DUALTIMER1_LOAD MPRT_REG(0x40002000)
#define DUALTIMER1_VALUE MPRT_REG(0x40002004)

static volatile bool mps2_in_frame;

static inline uint32_t mps2_ipsr(void) {
    uint32_t ipsr;
    __asm volatile ("mrs %0, ipsr" : "=r" (ipsr));
    return ipsr;
}

// Reads the bytes of a frame while the receive register holds one (interrupts masked or in the
// UART's handler). Returns false when the frame is over.
static bool mps2_take_frame_bytes(void) {
    while (mps2_in_frame && (UART0_STATE & UART_STATE_RXFULL)) {
        uint8_t c = UART0_DATA & 0xff;
        if (!mprt_debug_rx_feed(c)) {
            mps2_in_frame = false;
        }
    }
    return mps2_in_frame;
}

// The board's handler has just read MPRT_DEBUG_SYNC (in the UART's interrupt, or with interrupts
// masked). Hold further bytes in QEMU, take any byte already received, and let our handler
// (pended) read the rest of the frame.
void mprt_uart_link_rx(void) {
    UART0_CTRL &= ~UART_CTRL_RX_EN;
    mps2_in_frame = true;
    mprt_debug_rx_begin();
    if (mps2_take_frame_bytes()) {
        NVIC_ISPR = 1u << MPRT_IRQ_UART0_RX;
    } else {
        UART0_CTRL |= UART_CTRL_RX_EN;
    }
}

void __real_mprt_uart_rx_irq(void);
void __wrap_mprt_uart_rx_irq(void);
void __wrap_mprt_uart_rx_irq(void) {
    if (mps2_in_frame) {
        UART0_INTSTATUS = UART_INT_RX;
        UART0_CTRL |= UART_CTRL_RX_EN;
        if (mps2_take_frame_bytes() || !(UART0_STATE & UART_STATE_RXFULL)) {
            return;
        }
        // The frame ended and the next byte is already there: the board's handler takes it.
    }
    __real_mprt_uart_rx_irq();
}

bool __real_mprt_board_call_hard(mp_obj_t handler, mp_obj_t arg, const char *what);
bool __wrap_mprt_board_call_hard(mp_obj_t handler, mp_obj_t arg, const char *what);
bool __wrap_mprt_board_call_hard(mp_obj_t handler, mp_obj_t arg, const char *what) {
    if (!mprt_debug_attached()) {
        return __real_mprt_board_call_hard(handler, arg, what);
    }
    // How long ago the interrupt fired: the counter of the timer that raised it has counted down
    // from its reload value since (25 MHz, the same clock as mprt_board_cycles()).
    uint32_t since = 0;
    switch ((int)mps2_ipsr() - 16) {
        case MPRT_IRQ_TIMER0:
            since = TIMER_RELOAD(0x40000000) - TIMER_VALUE(0x40000000);
            break;
        case MPRT_IRQ_TIMER1:
            since = TIMER_RELOAD(0x40001000) - TIMER_VALUE(0x40001000);
            break;
        case MPRT_IRQ_DUALTIMER:
            since = DUALTIMER1_LOAD - DUALTIMER1_VALUE;
            break;
    }
    mprt_debug_hard_enter(handler, mprt_debug_port_ticks() - since);
    bool ok = __real_mprt_board_call_hard(handler, arg, what);
    mprt_debug_hard_exit();
    return ok;
}

void mprt_debug_port_tx(const uint8_t *data, size_t len) {
    // A frame goes out in one piece: interrupt handlers below the UART's priority (the timers,
    // whose hard callbacks may print) wait until it is sent. Under QEMU that takes microseconds.
    uint32_t basepri;
    __asm volatile ("mrs %0, basepri" : "=r" (basepri));
    __asm volatile ("msr basepri, %0" : : "r" (MPRT_PRIO_TIMER) : "memory");
    mp_hal_stdout_tx_strn((const char *)data, len);
    __asm volatile ("msr basepri, %0" : : "r" (basepri) : "memory");
}

uint32_t mprt_debug_port_ticks(void) {
    return (uint32_t)mprt_board_cycles();
}

uint32_t mprt_debug_port_tick_hz(void) {
    return MPRT_BOARD_SYSCLK_HZ;
}

bool mprt_debug_port_in_isr(void) {
    return mps2_ipsr() != 0;
}

void mprt_debug_port_listen(bool on) {
    uint32_t state = mprt_board_irq_disable();
    mprt_uart_link_char = on ? MPRT_DEBUG_SYNC : -1;
    if (!on && mps2_in_frame) {
        mps2_in_frame = false;
        UART0_CTRL |= UART_CTRL_RX_EN;
    }
    mprt_board_irq_restore(state);
}

void mprt_debug_port_wait(void) {
    uint32_t state = mprt_board_irq_disable();
    if (!mprt_debug_has_work()) {
        __asm volatile ("wfi");
    }
    mprt_board_irq_restore(state);
}

void mprt_debug_port_interrupt(void) {
    if (mp_interrupt_char >= 0) {
        mp_sched_keyboard_interrupt();
    }
}

const char *mprt_debug_port_board(void) {
    return MICROPY_HW_BOARD_NAME;
}

bool mprt_debug_port_has_link(void) {
    return true;
}

bool mprt_debug_port_program_running(void) {
    return mp_interrupt_char >= 0; // the REPL turns Ctrl-C on while code runs
}

void mprt_debug_port_soft_reset(void) {
    // A SystemExit out of the program makes pyexec soft-reset the board.
    mp_sched_exception(mp_obj_new_exception(&mp_type_SystemExit));
}

#endif // MICROPY_PY_MPRT_DEBUG && MICROPY_PY_MPRT
