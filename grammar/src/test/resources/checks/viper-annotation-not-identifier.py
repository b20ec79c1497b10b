# A viper annotation must be a bare name (S1); a string or dotted name is not.
import micropython

@micropython.viper
def f(x: 'int'): return x


@micropython.viper
def g(x) -> foo.bar: return None


@micropython.viper
def h(x: -1): return None


def plain(x: 'int') -> foo.bar:
    return x
# --- expect
# 5:10-5:15 error viper-annotation-not-identifier: annotation must be an identifier
# 9:13-9:20 error viper-annotation-not-identifier: annotation must be an identifier
# 13:10-13:12 error viper-annotation-not-identifier: annotation must be an identifier
