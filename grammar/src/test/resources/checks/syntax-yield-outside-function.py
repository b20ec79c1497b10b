yield 1
def gen():
    yield 1
    g = lambda: (yield)


class C:
    x = yield


def f():
    return [(yield) for i in range(3)]
# --- expect
# 1:1-1:8 error syntax-yield-outside-function: 'yield' outside function
# 8:9-8:14 error syntax-yield-outside-function: 'yield' outside function
# 12:14-12:19 error syntax-yield-outside-function: 'yield' outside function
