# case: nested-def
def handler(t):
    def inner():
        return 1
# case: lambda
def handler(t):
    f = lambda: 1
# case: closure-over-local
def handler(t):
    x = t
    def inner():
        return x
# case: call-module-function
def helper(a):
    return a + 1
def handler(t):
    helper(t)
# case: call-with-default
def helper(a, b=2):
    return a + b
def handler(t):
    helper(t)
# case: call-with-keyword
def helper(a, b=2):
    return a + b
def handler(t):
    helper(t, b=3)
# case: call-allocating-helper
def helper(a):
    return [a]
def handler(t):
    helper(t)
# case: call-helper-two-levels
def inner(a):
    return a * 0.5
def outer(a):
    return inner(a)
def handler(t):
    outer(t)
# case: nested-class
def handler(t):
    class K:
        pass
# case: call-instance-dunder-call
class C:
    def __call__(self, a):
        return a
c = C()
def handler(t):
    c(t)
