import <|>
# --- file mylib.py
# RATE = 10
# --- completion includes
# mylib (Module)
# machine (Module)
# --- completion excludes
# main
