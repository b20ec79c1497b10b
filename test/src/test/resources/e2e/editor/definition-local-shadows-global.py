x = 1


def f():
    x = 2
    return <|>x


print(x)
# --- definition
# main.py:5:     [x] = 2
# --- references
# 5:     [x] = 2
# 6:     return [x]
