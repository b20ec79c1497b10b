import machine

name = "machine.<|>"
# --- completion
# (none)
