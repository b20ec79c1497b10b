from machine import Pin as P

P.<|>
# --- completion
# __init__ (Method)
# init (Method)
# value (Method)
# on (Method)
# off (Method)
# toggle (Method)
# irq (Method)
# __call__ (Method)
# IN (Constant)
# OUT (Constant)
# IRQ_RISING (Constant)
# IRQ_FALLING (Constant)
