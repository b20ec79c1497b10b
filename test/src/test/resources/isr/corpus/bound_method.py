# case: method-call
class C:
    def m(self):
        return 1
c = C()
def handler(t):
    c.m()
# case: method-reference
class C:
    def m(self):
        return 1
c = C()
def handler(t):
    f = c.m
# case: method-call-with-args
class C:
    def m(self, a):
        return a
c = C()
def handler(t):
    c.m(t)
# case: prebound-reference
class C:
    def __init__(self):
        self._ref = self.m
    def m(self, a):
        return a
c = C()
def handler(t):
    f = c._ref
# case: schedule-bound-method
import micropython
class C:
    def m(self, a):
        return a
c = C()
def handler(t):
    micropython.schedule(c.m, 0)
# case: schedule-prebound
import micropython
class C:
    def __init__(self):
        self._ref = self.m
    def m(self, a):
        return a
c = C()
def handler(t):
    micropython.schedule(c._ref, 0)
# case: schedule-function
import micropython
def later(a):
    return a
def handler(t):
    micropython.schedule(later, 0)
# case: class-function-attribute
class C:
    def m(self):
        return 1
def handler(t):
    f = C.m
# case: builtin-method-reference
l = []
def handler(t):
    f = l.append
# case: attribute-read
class C:
    def __init__(self):
        self.v = 3
c = C()
def handler(t):
    x = c.v
