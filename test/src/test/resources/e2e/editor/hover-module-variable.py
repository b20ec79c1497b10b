import machine

tim = machine.Timer(-1)
ti<|>m.deinit()
# --- hover
# 4: [tim].deinit()
# ```python
# tim: Timer
# ```
