from machine import Pin

Pin('X1', <|>
# --- signature
# Pin(id, [mode: int = -1], *, value=None)
