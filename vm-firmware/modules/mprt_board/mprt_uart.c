// mprt_board: UART0 receive interrupt -> stdin ring buffer, and Ctrl-C -> KeyboardInterrupt.
//
// The port's mphalport.c polls the UART inside mp_hal_stdin_rx_chr(), so nothing reads the UART
// while Python runs and Ctrl-C cannot interrupt it. Here the CMSDK UART's RX interrupt drains
// each byte as it arrives: the interrupt character (Ctrl-C while code runs) schedules a
// KeyboardInterrupt, a debug link's frame start byte (mprt_uart_link_char, while the monitor
// listens) goes to the link, every other byte goes into a ring buffer. The link flag
// --wrap=mp_hal_stdin_rx_chr (micropython.mk) makes readline, pyexec's raw REPL and raw-paste
// reader and sys.stdin read the ring through __wrap_mp_hal_stdin_rx_chr().
//
// Flow control: when the ring is full while the REPL is reading (no program running, so no
// interrupt character), the interrupt handler leaves the byte in the UART and masks RX
// interrupts. QEMU's UART model does not take the next byte from the host while its
// one-byte receive register is full, so the host's writes block instead of bytes being lost.
// The reader unmasks and drains again once it has made room. (Raw-paste mode's own window,
// MICROPY_REPL_STDIN_BUFFER_MAX = 256 bytes, fits in the ring, so it never gets that far.)
// While a program runs, a full ring drops bytes instead, so that Ctrl-C always gets through.

#include "py/runtime.h"
#include "py/mphal.h"
#include "shared/runtime/interrupt_char.h"
#include "mprt_board.h"

#if MICROPY_PY_MPRT

typedef struct _mprt_uart_regs_t {
    volatile uint32_t DATA;
    volatile uint32_t STATE;
    volatile uint32_t CTRL;
    volatile uint32_t INTSTATUS; // write 1 to clear
    volatile uint32_t BAUDDIV;
} mprt_uart_regs_t;

#define MPRT_UART0 ((mprt_uart_regs_t *)0x40004000)
#define MPRT_UART_STATE_RXFULL (1u << 1)
#define MPRT_UART_CTRL_RX_INTEN (1u << 3)
#define MPRT_UART_INT_RX (1u << 1)

// A power of two, and more than the raw-paste window (2 x 128 bytes in flight).
#define MPRT_UART_RING_SIZE (1024)

static uint8_t mprt_uart_ring[MPRT_UART_RING_SIZE];
static volatile uint32_t mprt_uart_head; // written by the interrupt handler
static volatile uint32_t mprt_uart_tail; // written by the reader
static uint32_t mprt_uart_dropped;

volatile int mprt_uart_link_char = -1;

// Replaced by a debug link (mprt_debug_mps2.c); only called while mprt_uart_link_char is set.
MP_WEAK void mprt_uart_link_rx(void) {
}

static inline uint32_t mprt_uart_used(void) {
    return mprt_uart_head - mprt_uart_tail;
}

// Moves received bytes from the UART into the ring. Runs in the interrupt handler, or with
// interrupts masked.
static void mprt_uart_drain(void) {
    while (MPRT_UART0->STATE & MPRT_UART_STATE_RXFULL) {
        bool full = mprt_uart_used() == MPRT_UART_RING_SIZE;
        if (full && mp_interrupt_char < 0) {
            // Full while the REPL reads (no program running): leave the byte in the UART, so
            // the host waits, until the reader has made room.
            MPRT_UART0->CTRL &= ~MPRT_UART_CTRL_RX_INTEN;
            return;
        }
        int c = MPRT_UART0->DATA & 0xff;
        if (c == mp_interrupt_char) {
            mp_sched_keyboard_interrupt();
        } else if (c == mprt_uart_link_char) {
            // A debug link's frame starts: it reads the frame's bytes itself.
            mprt_uart_link_rx();
        } else if (full) {
            // Full while a program runs and does not read stdin: drop the byte (as a hardware
            // FIFO overrun would) so that a Ctrl-C behind it still gets through.
            mprt_uart_dropped += 1;
        } else {
            mprt_uart_ring[mprt_uart_head & (MPRT_UART_RING_SIZE - 1)] = c;
            mprt_uart_head += 1;
        }
    }
}

void mprt_uart_rx_irq(void) {
    // Clear first, then drain: a byte arriving after the last STATE check raises the line again.
    MPRT_UART0->INTSTATUS = MPRT_UART_INT_RX;
    mprt_uart_drain();
}

void mprt_uart_init(void) {
    // At every soft reset: keep what has been typed ahead, enable the interrupt (the port's
    // uart_init() has enabled the receiver) and take any byte that is already waiting.
    uint32_t state = mprt_board_irq_disable();
    MPRT_UART0->CTRL |= MPRT_UART_CTRL_RX_INTEN;
    MPRT_UART0->INTSTATUS = MPRT_UART_INT_RX;
    mprt_board_enable_irq(MPRT_IRQ_UART0_RX, MPRT_PRIO_UART);
    mprt_uart_drain();
    mprt_board_irq_restore(state);
}

// Returns the next byte, or -1 if none has arrived.
static int mprt_uart_take(void) {
    int c = -1;
    uint32_t state = mprt_board_irq_disable();
    if (mprt_uart_used() > 0) {
        c = mprt_uart_ring[mprt_uart_tail & (MPRT_UART_RING_SIZE - 1)];
        mprt_uart_tail += 1;
        if (!(MPRT_UART0->CTRL & MPRT_UART_CTRL_RX_INTEN)) {
            // Flow control had stopped the UART: there is room again. Enabling the interrupt
            // does not raise it for a byte already waiting (QEMU sets the RX status bit only on
            // arrival), so drain here.
            MPRT_UART0->CTRL |= MPRT_UART_CTRL_RX_INTEN;
            mprt_uart_drain();
        }
    }
    mprt_board_irq_restore(state);
    return c;
}

// Linked in place of the port's mp_hal_stdin_rx_chr() for all callers outside mphalport.c.
int __wrap_mp_hal_stdin_rx_chr(void);
int __wrap_mp_hal_stdin_rx_chr(void) {
    for (;;) {
        int c = mprt_uart_take();
        if (c >= 0) {
            return c;
        }
        // Run scheduled callbacks (soft Pin/Timer handlers) while waiting, as stm32 does.
        mp_event_handle_nowait();
        // Sleep until an interrupt. With interrupts masked, wfi still wakes on a pending one,
        // so a byte arriving between the check and the wfi is not missed.
        uint32_t state = mprt_board_irq_disable();
        if (mprt_uart_used() == 0) {
            __asm volatile ("wfi");
        }
        mprt_board_irq_restore(state);
    }
}

#endif // MICROPY_PY_MPRT
