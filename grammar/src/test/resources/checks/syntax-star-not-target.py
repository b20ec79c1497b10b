a = [*range(3), 1]
b = *a, 1
*a, b = [1, 2]
print(*a)
# --- expect
# 1:6-1:15 error syntax-star-not-target: *x must be assignment target
# 2:5-2:7 error syntax-star-not-target: *x must be assignment target
