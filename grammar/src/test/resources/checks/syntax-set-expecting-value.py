s = {1, 2: 3}
ok = {1, 2}
# --- expect
# 1:9-1:13 error syntax-set-expecting-value: expecting just a value for set
