count = 0
co<|>unt += 1
# --- hover
# 2: [count] += 1
# ```python
# count: int
# ```
