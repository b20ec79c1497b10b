ok = a < b <= c
miss = x not in y
diff = x is not None
both = not a and b or c
if (n := len(data)) > 10:
    pass
f = lambda x, y=2, *args, z=3, **kw: x + y
part = a[1:2:3, ::2]
tail = a[:-1]
whole = a[:]
a, *b = c
*head, last = items
x: int = 1
y: list
count += 1
mask <<= 2
power = -2 ** -1
neg = ~x
chain = obj.attr.method(1)[0]
def g():
    global counter
    yield from range(3)
    x = yield
    def h():
        nonlocal x
        x //= 2
async def co():
    r = await fetch()
    return await r.json()
