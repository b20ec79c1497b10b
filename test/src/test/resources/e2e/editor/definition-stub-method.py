from machine import Pin

p = Pin('X1', Pin.IN)
p.ir<|>q(None)
# --- definition
# stub qemu-mps2-an385/machine.pyi:     def [irq](self, handler: Callable[..., Any] | None = None, trigger: int = ..., *, hard: bool = False) -> Any:
# --- rename on_change
# error -32600: 'irq' is defined by the board's stubs (machine), not by this workspace
