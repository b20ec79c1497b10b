total = 1 + \
    2 + \
        3
if a and \
   b:
    pass
items = [
    1,  # first
    # a comment line inside brackets
    2,
]
point = (
    x,
        y  # odd indentation inside brackets is fine
)
table = {
    "a": 1,
    "b": [
        2,
    ],
}
call(arg1,
     arg2,
     kw=3)
s = ("implicit "
     "concatenation")
assert x, \
    "message"
