from mylib import helper

helper(1)
hel<|>per(2)
# --- file mylib.py
# def helper(x):
#     return 2 * x
# --- file other.py
# import mylib
# from mylib import helper
#
# mylib.helper(3)
# helper(4)
# --- file unrelated.py
# def helper(y):
#     return y
#
# helper(5)
# --- references
# 1: from mylib import [helper]
# 3: [helper](1)
# 4: [helper](2)
# mylib.py:1: def [helper](x):
# other.py:2: from mylib import [helper]
# other.py:4: mylib.[helper](3)
# other.py:5: [helper](4)
