<|>import micropython


@micropython.viper
def checksum(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    total: int = 0
    for i in range(n):
        s += p[i]
    ok = s < 100
    name = 'sum'
    return s


def plain(x):
    y = 1
    return y
# --- inlay
# 6:     p⟨: ptr8⟩ = ptr8(buf)
# 7:     s⟨: int⟩ = 0
# 9:     for i⟨: int⟩ in range(n):
# 11:     ok⟨: bool⟩ = s < 100
# 12:     name⟨: object⟩ = 'sum'
