package dev.mprt.lang.isr;

/**
 * The registration APIs of rules E.2: how each names its handler, how many arguments the handler is called with,
 * and a short name for messages. Which context a handler runs in depends on the board ({@link IsrBoard}).
 */
public enum Api {
    PIN_IRQ("Pin.irq", 1, "the Pin"),
    EXTINT("pyb.ExtInt", 1, "the line number"),
    PYB_TIMER("pyb.Timer callback", 1, "the Timer"),
    PYB_TIMER_CHANNEL("TimerChannel callback", 1, "the Timer"),
    MACHINE_TIMER("machine.Timer callback", 1, "the Timer"),
    UART_IRQ("UART.irq", 1, "the UART"),
    RTC_IRQ("RTC.irq", 1, "the RTC"),
    RTC_WAKEUP("RTC.wakeup", 1, "the RTC"),
    SWITCH("Switch.callback", 0, "no argument"),
    CAN_RX("CAN.rxcallback", 2, "the CAN and the reason"),
    USB_VCP_IRQ("USB_VCP.irq", 1, "the USB_VCP"),
    PIO_IRQ("rp2.PIO.irq", 1, "the PIO"),
    STATE_MACHINE_IRQ("rp2.StateMachine.irq", 1, "the StateMachine"),
    DMA_IRQ("rp2.DMA.irq", 1, "the DMA"),
    I2S_IRQ("I2S.irq", 1, "the I2S"),
    BLE_IRQ("BLE.irq", 2, "the event and its data"),
    ESPNOW_IRQ("ESPNow.irq", 1, "the ESPNow"),
    SCHEDULE("micropython.schedule", 1, "its second argument"),
    /** {@code x.irq(handler, hard=True)} on an object whose type the model does not know. */
    UNKNOWN_IRQ("irq", -1, "");

    private final String label;
    private final int arity;
    private final String arguments;

    Api(String label, int arity, String arguments) {
        this.label = label;
        this.arity = arity;
        this.arguments = arguments;
    }

    public String label() {
        return label;
    }

    /** How many positional arguments the handler is called with, or -1 when unknown. */
    public int arity() {
        return arity;
    }

    /** What the handler is called with, for messages ("the Pin"). */
    public String arguments() {
        return arguments;
    }
}
