# case: star-args-empty
def va(*a):
    return 0
def handler(t):
    va()
# case: star-args-one
def va(*a):
    return 0
def handler(t):
    va(t)
# case: kwargs-param
def kw(**k):
    return 0
def handler(t):
    kw()
# case: star-call
args = (1, 2)
def two(a, b):
    return a
def handler(t):
    two(*args)
# case: double-star-call
kws = {"a": 1, "b": 2}
def two(a, b):
    return a
def handler(t):
    two(**kws)
# case: positional-only-call
def two(a, b):
    return a
def handler(t):
    two(t, 2)
# case: keyword-call
def two(a, b):
    return a
def handler(t):
    two(a=t, b=2)
