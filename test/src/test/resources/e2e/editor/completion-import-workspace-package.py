from drivers.<|>
# --- file drivers/__init__.py
# --- file drivers/led.py
# def on():
#     pass
# --- completion
# led (Module)
