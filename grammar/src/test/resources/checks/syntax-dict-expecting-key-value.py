d = {1: 2, 3}
ok = {1: 2, 3: 4}
# --- expect
# 1:12-1:13 error syntax-dict-expecting-key-value: expecting key:value for dict
