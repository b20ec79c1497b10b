class A:
    def f():
        return super()

    def g(self):
        return super().g()

    def h(*args):
        return super()
# --- expect
# 3:16-3:23 error syntax-super-no-self: super() can't find self
