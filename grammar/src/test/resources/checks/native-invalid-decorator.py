# micropython.<emitter> must name an emitter the board has (A1.1).
import micropython

@micropython.foo
def f():
    pass


@micropython.native.x
def g():
    pass


@micropython.bytecode
@micropython.native()
@micropython.viper(1)
def near_miss():
    pass
# --- expect
# 4:2-4:17 error native-invalid-decorator: invalid micropython decorator
# 9:2-9:13 error native-invalid-decorator: invalid micropython decorator
