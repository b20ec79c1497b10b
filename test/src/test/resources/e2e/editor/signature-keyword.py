from machine import Pin


def on_edge(pin):
    pass


p = Pin('X1', Pin.IN)
p.irq(on_edge, hard=<|>
# --- signature
# irq(handler: Callable[..., Any] | None = None, trigger: int = ..., *, [hard: bool = False]) -> Any
