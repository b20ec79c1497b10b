package dev.mprt.lang.isr;

import dev.mprt.lang.analysis.Boards;

/**
 * What a board's firmware does with interrupt handlers (rules E.2) and how its objects are represented (E.3): which
 * registrations run hard, which honour or reject {@code hard=True}, whether floats are heap objects, the small-int
 * width and whether {@code micropython.alloc_emergency_exception_buf} exists. One place per port; the sources are
 * cited in the rules catalogue.
 */
public final class IsrBoard {

    /** Where a registered handler runs on this board. */
    public enum Context {
        HARD, SOFT
    }

    private final String id;

    private IsrBoard(String id) {
        this.id = id;
    }

    public static IsrBoard of(String board) {
        return new IsrBoard(Boards.isKnown(board) ? board : dev.mprt.lang.analysis.AnalysisOptions.DEFAULT_BOARD);
    }

    public String id() {
        return id;
    }

    /** Bits of a small int (31 on the 32-bit ports, 63 on unix x64). */
    public int smallIntBits() {
        return Boards.smallIntBits(id);
    }

    /**
     * Floats are heap objects with MICROPY_OBJ_REPR_A (all boards here but esp8266, which uses REPR_C and stores
     * 30-bit floats in the object word, ports/esp8266/mpconfigport.h).
     */
    public boolean floatsAllocate() {
        return !"esp8266".equals(id);
    }

    /** {@code micropython.alloc_emergency_exception_buf} exists (unix has a fixed buffer and no function). */
    public boolean hasEmergencyExceptionBuf() {
        return !"unix".equals(id);
    }

    /**
     * The context a handler registered through {@code api} runs in on this board; {@code hard} is the value of the
     * registration's {@code hard=} keyword (false when absent).
     */
    public Context context(Api api, boolean hard) {
        return switch (api) {
            // pyb.Timer/ExtInt/Switch/CAN/RTC.wakeup: called from the interrupt with the heap locked (stm32)
            case EXTINT, PYB_TIMER, PYB_TIMER_CHANNEL, SWITCH, CAN_RX, RTC_WAKEUP -> Context.HARD;
            // qemu-mps2-an385: vm-firmware/modules/mprt_board/mprt_timer.c calls the callback in the timer's IRQ;
            // stm32, rp2, esp32, esp8266 schedule it (soft timers, ports/*/machine_timer.c)
            case MACHINE_TIMER -> "qemu-mps2-an385".equals(id) ? Context.HARD : Context.SOFT;
            // honour hard=True: stm32, rp2 and mprt_pin.c; esp32 (no keyword) and esp8266 (ValueError) are soft
            case PIN_IRQ, UNKNOWN_IRQ -> hard && honoursHardPin() ? Context.HARD : Context.SOFT;
            case UART_IRQ -> hard && !"esp32".equals(id) && !"esp8266".equals(id) ? Context.HARD : Context.SOFT;
            case PIO_IRQ, STATE_MACHINE_IRQ, DMA_IRQ -> hard && "rp2-pico".equals(id) ? Context.HARD : Context.SOFT;
            // mimxrt alone honours RTC.irq(hard=True); none of the boards here
            case RTC_IRQ, USB_VCP_IRQ, I2S_IRQ, BLE_IRQ, ESPNOW_IRQ, SCHEDULE -> Context.SOFT;
        };
    }

    private boolean honoursHardPin() {
        return "pyboard".equals(id) || "rp2-pico".equals(id) || "qemu-mps2-an385".equals(id);
    }

    /**
     * What the board does with {@code hard=True} on {@code api} when it refuses it (MicroPython's exception), or null
     * when it accepts it.
     */
    public String rejectsHard(Api api) {
        if (api == Api.PIN_IRQ && "esp32".equals(id)) {
            return "TypeError: unexpected keyword argument 'hard'"
                    + " (esp32's Pin.irq has no 'hard'; its handlers always run soft)";
        }
        if (api == Api.PIN_IRQ && "esp8266".equals(id)) {
            return "ValueError: hard IRQ not supported (esp8266's Pin.irq handlers always run soft)";
        }
        if (api == Api.UART_IRQ && "esp32".equals(id)) {
            return "ValueError: hard IRQ is not supported (esp32's UART.irq handlers always run soft)";
        }
        if (api == Api.USB_VCP_IRQ) {
            return "ValueError: hard unsupported (USB_VCP.irq handlers always run soft)";
        }
        return null;
    }
}
