from machine import Pin


def on_edge(pin):
    print(pin.value())


def handle(pin):
    pass


p = Pin('X2', Pin.IN)
p.irq(hand<|>
# --- completion
# handler= (Variable)
# handle (Function)
# --- completion apply handler=
# p.irq(handler=
