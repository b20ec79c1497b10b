import machine

# the pins live in machine.<|>
# --- completion
# (none)
