import mylib

mylib.hel<|>per(2)
# --- file mylib.py
# """Helpers."""
#
#
# def helper(x):
#     return 2 * x
# --- definition
# mylib.py:4: def [helper](x):
