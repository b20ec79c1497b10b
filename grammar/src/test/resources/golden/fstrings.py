# f-strings as MicroPython 1.25 scans them
d = {"k": 1}
a = f"{d["k"]}"
b = f'{d['k']}'
c = f"{x:>{w}}"
r = f"{x!r} and {y!s:10}"
e = f"{x=}"
braces = f"{{literal}} {x} }}"
m = f"""line one {x}
line two {y!r:>8}
done"""
p = rf"\d+{x}\n"
q = fr'{y}\w'
n = f"{'nested ' + f'{z}'}"
s = f"a" f"{b}" "c"
