name = "mprt"
ok = f"{name!r:>{10}} {name=} {{literal}} {[1, 2][0]}"
nested_quotes = f"{ {'k': 1}["k"] }"
colon_in_parens = f"{(lambda: 1)()}"
bang_a = f"{name!a}"
# --- expect
# 4:22-4:29 error syntax-fstring: invalid syntax
# 5:13-5:19 error syntax-fstring: invalid syntax
