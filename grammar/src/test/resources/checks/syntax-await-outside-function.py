await x


async def task():
    await x


def plain():
    await x
# --- expect
# 1:1-1:8 error syntax-await-outside-function: 'await' outside function
