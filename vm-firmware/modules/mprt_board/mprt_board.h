// mprt_board: board support for mprt's qemu-mps2-an385 firmware (ARM MPS2 + AN385 FPGA image,
// Cortex-M3, as QEMU 7.2's machine mps2-an385 models it).
//
// What QEMU models and this module uses (addresses and IRQ lines from the AN385 application note
// and QEMU's hw/arm/mps2.c):
//   UART0           0x40004000  RX IRQ 0 (TX IRQ 1, unused)       stdin ring buffer, Ctrl-C
//   CMSDK timer 0   0x40000000  IRQ 8                             machine.Timer(0)
//   CMSDK timer 1   0x40001000  IRQ 9                             machine.Timer(1)
//   dual timer      0x40002000  IRQ 10 (both counters)            pulse generator on pin X4
//   SysTick         core                                          time.ticks_*, sleep, cycles
// All of them count at the FPGA's SYSCLK, MPRT_BOARD_SYSCLK_HZ (25 MHz). GPIO is not modelled,
// so machine.Pin is a set of virtual pins (mprt_pin.c).
//
// One symbol prefix: mprt_. The Python-visible module is `mprt`; machine.Pin, machine.Timer,
// machine.unique_id and machine.freq come in through MICROPY_PY_MACHINE_EXTRA_GLOBALS.
#ifndef MICROPY_INCLUDED_MPRT_BOARD_H
#define MICROPY_INCLUDED_MPRT_BOARD_H

#include "py/obj.h"

#if MICROPY_PY_MPRT

// ---- Cortex-M3 core registers (no CMSIS in the +ds source tree) -----------------------------
#define MPRT_REG(addr) (*(volatile uint32_t *)(addr))
#define MPRT_SYST_CSR MPRT_REG(0xe000e010)
#define MPRT_SYST_RVR MPRT_REG(0xe000e014)
#define MPRT_SYST_CVR MPRT_REG(0xe000e018)
#define MPRT_NVIC_ISER MPRT_REG(0xe000e100)
#define MPRT_NVIC_ICER MPRT_REG(0xe000e180)
#define MPRT_NVIC_ICPR MPRT_REG(0xe000e280)
#define MPRT_NVIC_IPR8(irq) (*(volatile uint8_t *)(0xe000e400 + (irq)))
#define MPRT_SCB_CPUID MPRT_REG(0xe000ed00)
#define MPRT_SCB_ICSR MPRT_REG(0xe000ed04)
#define MPRT_SCB_VTOR MPRT_REG(0xe000ed08)
#define MPRT_SCB_SHPR3 MPRT_REG(0xe000ed20)
#define MPRT_SCB_ICSR_PENDSTSET (1u << 26)

// ---- NVIC lines of the AN385 image ----------------------------------------------------------
#define MPRT_IRQ_UART0_RX (0)
#define MPRT_IRQ_TIMER0 (8)
#define MPRT_IRQ_TIMER1 (9)
#define MPRT_IRQ_DUALTIMER (10)
#define MPRT_IRQ_NUM (32)

// Priorities (lower is more urgent; QEMU implements all 8 bits, the FPGA image 3).
// SysTick and the UART outrank the timers, so ticks keep counting and Ctrl-C is seen while a
// hard callback runs.
#define MPRT_PRIO_SYSTICK (0x00)
#define MPRT_PRIO_UART (0x00)
#define MPRT_PRIO_TIMER (0x80)

// ---- mprt_board.c ---------------------------------------------------------------------------
// SysTick time base: a 64-bit count of SYSCLK cycles since power-on (ms ticks * 25000 + the
// SysTick down-counter's progress). Safe in any context.
uint64_t mprt_board_cycles(void);
// n / d without libgcc (see mprt_board.c).
uint64_t mprt_board_udiv64(uint64_t n, uint32_t d);
// Calls handler(arg) the way a hard interrupt handler must: scheduler and GC locked, under an
// nlr guard. what names the source in the "Uncaught exception" message. Returns false when the
// handler raised (the caller then disables it), true otherwise. A KeyboardInterrupt (Ctrl-C
// arriving while the handler ran) is handed back to the main program instead of being reported.
bool mprt_board_call_hard(mp_obj_t handler, mp_obj_t arg, const char *what);
void mprt_board_enable_irq(uint32_t irq, uint8_t prio);
void mprt_board_disable_irq(uint32_t irq);

// ---- mprt_uart.c ----------------------------------------------------------------------------
void mprt_uart_init(void);
void mprt_uart_rx_irq(void);
// A debug link's byte (mprt_debug_mps2.c): while mprt_uart_link_char is a byte value, the receive
// interrupt hands that byte to mprt_uart_link_rx() instead of the stdin ring (-1: none).
extern volatile int mprt_uart_link_char;
void mprt_uart_link_rx(void);

// ---- mprt_timer.c ---------------------------------------------------------------------------
extern const mp_obj_type_t mprt_timer_type;
void mprt_timer_deinit_all(void);
void mprt_timer0_irq(void);
void mprt_timer1_irq(void);

// ---- mprt_pin.c -----------------------------------------------------------------------------
extern const mp_obj_type_t mprt_pin_type;
void mprt_pin_init_all(void);
void mprt_pin_deinit_all(void);
void mprt_pin_pulse_irq(void);
MP_DECLARE_CONST_FUN_OBJ_KW(mprt_pulse_obj);
MP_DECLARE_CONST_FUN_OBJ_0(mprt_edges_obj);

// machine.unique_id() and machine.freq() (mprt_board.c)
MP_DECLARE_CONST_FUN_OBJ_0(mprt_machine_unique_id_obj);
MP_DECLARE_CONST_FUN_OBJ_VAR_BETWEEN(mprt_machine_freq_obj);

#endif // MICROPY_PY_MPRT

#endif // MICROPY_INCLUDED_MPRT_BOARD_H
