async for x in y:
    pass


def plain():
    async with lock:
        pass


async def task():
    async for x in y:
        pass


def generator():
    yield
    async with lock:
        pass
# --- expect
# 1:1-1:6 error syntax-async-outside-async-function: async for/with outside async function
# 6:5-6:10 error syntax-async-outside-async-function: async for/with outside async function
