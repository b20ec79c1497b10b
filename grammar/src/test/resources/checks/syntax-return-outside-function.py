return 1


class C:
    return 2

    def m(self):
        return 3


lam = lambda: 4
# --- expect
# 1:1-1:9 error syntax-return-outside-function: 'return' outside function
# 5:5-5:13 error syntax-return-outside-function: 'return' outside function
