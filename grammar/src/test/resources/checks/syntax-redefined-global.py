count = 0


def uses_before_global():
    print(count)
    global count


def parameter(count):
    global count


def fine():
    global count
    count += 1


print([[(j := i) for i in range(2)] for j in range(2)])
[i := 0 for i in range(2)]
# --- expect
# 6:5-6:17 error syntax-redefined-global: identifier redefined as global
# 10:5-10:17 error syntax-redefined-global: identifier redefined as global
# 19:2-19:3 error syntax-redefined-global: identifier redefined as global
