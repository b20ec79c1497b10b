def blink(n<|>):
    return n + 1


blink(n=2)
# --- references
# 1: def blink([n]):
# 2:     return [n] + 1
# 5: blink([n]=2)
# --- rename count
# main.py:1: def blink([count]):
# main.py:2:     return [count] + 1
# main.py:5: blink([count]=2)
