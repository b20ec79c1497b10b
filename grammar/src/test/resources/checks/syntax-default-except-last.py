try:
    pass
except:
    pass
except ValueError:
    pass

try:
    pass
except ValueError:
    pass
except:
    pass
# --- expect
# 3:1-3:7 error syntax-default-except-last: default 'except' must be last
