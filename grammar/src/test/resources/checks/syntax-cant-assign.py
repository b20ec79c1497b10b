f() = 1
a + 1 = 2
None = 3
() = []
[] = []
(a, b) = 1, 2
[c, *d] = range(3)
x.y = z[0] = 4
g() += 1
a, b += 1, 2
if (n := 10) > 5:
    pass
(p.q := 1)
for f() in range(3):
    pass
# --- expect
# 1:1-1:4 error syntax-cant-assign: can't assign to expression
# 2:1-2:6 error syntax-cant-assign: can't assign to expression
# 3:1-3:5 error syntax-cant-assign: can't assign to expression
# 4:1-4:3 error syntax-cant-assign: can't assign to expression
# 9:1-9:4 error syntax-cant-assign: can't assign to expression
# 10:1-10:5 error syntax-cant-assign: can't assign to expression
# 13:2-13:5 error syntax-cant-assign: can't assign to expression
# 14:5-14:8 error syntax-cant-assign: can't assign to expression
