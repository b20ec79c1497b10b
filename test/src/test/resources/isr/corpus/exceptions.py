# case: raise-and-catch
def handler(t):
    try:
        raise ValueError("x")
    except ValueError:
        pass
# case: raise-class-and-catch
def handler(t):
    try:
        raise OSError
    except OSError:
        pass
# case: try-no-exception
def handler(t):
    try:
        x = t + 1
    except Exception:
        pass
