from mylib import helper

helper<|>(1)
# --- file mylib.py
# """Helpers."""
#
#
# def helper(x):
#     """Double x."""
#     return 2 * x
# --- definition
# mylib.py:4: def [helper](x):
# --- hover
# 3: [helper](1)
# ```python
# def helper(x)
# ```
#
# Double x.
#
# *mylib*
# --- rename twice
# error -32600: 'helper' is defined in mylib; rename it there
