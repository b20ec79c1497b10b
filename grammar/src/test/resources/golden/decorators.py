import micropython


@micropython.native
def fast(x):
    return x * 2


@micropython.viper
def faster(x: int) -> int:
    return x + 1


@dec(1, key="v")
@other.dec
class Thing(Base, metaclass=Meta):
    @staticmethod
    def make():
        pass


async def task(n):
    await sleep(n)
    async for i in gen():
        pass
    async with lock as held:
        pass


@dec
async def decorated_task():
    pass
