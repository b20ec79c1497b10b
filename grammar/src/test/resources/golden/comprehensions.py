squares = [x * x for x in range(10)]
evens = {x for x in data if x % 2 == 0}
index = {k: v for k, v in pairs}
total = sum(x for x in y)
best = max((x for x in y), default=0)
flat = [c for row in grid for c in row if c if c > 0]
signs = [1 if v > 0 else -1 for v in values]
pairs = [(a, b) for a in xs for b in ys if a != b]
nested = [[j for j in range(i)] for i in range(3)]
gen = (x
       for x in y
       if x)
lambdas = [lambda: i for i in range(3)]
