def outer(a):
    # comment at the body's indentation
  # comment at an odd indentation
    if a:

        for i in range(a):
            while i:
                i -= 1
                        # deeply indented comment
    # back to the function level
    return a
	
class Tabbed:
	def m(self):
		if self: pass
		else: return 1
	x = 2


if x: pass
if y: a = 1; b = 2;
while z: z -= 1
for _ in x: pass
else: done()
with_trailing_ws = 1   
