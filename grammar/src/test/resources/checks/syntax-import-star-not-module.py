from machine import *


def f():
    from time import *


class C:
    from os import *
# --- expect
# 5:5-5:23 error syntax-import-star-not-module: import * not at module level
# 9:5-9:21 error syntax-import-star-not-module: import * not at module level
