a = "\N{LATIN SMALL LETTER A}"
b = r"\N{not an escape in a raw string}"
# --- expect
# 1:6-1:8 error syntax-unicode-name-escape: NotImplementedError: unicode name escapes
