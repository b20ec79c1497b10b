def show(values):
    pr<|>
# --- completion includes
# print (Function)
