import machine

machine.Pin(1).ir<|>
# --- completion
# irq (Method)
# IRQ_RISING (Constant)
# IRQ_FALLING (Constant)
