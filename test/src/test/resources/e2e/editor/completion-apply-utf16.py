from machine import Pin

p = Pin(1)
label = "😀é"; p.ir<|>
# --- completion apply irq
# label = "😀é"; p.irq
# --- completion apply IRQ_RISING
# label = "😀é"; p.IRQ_RISING
