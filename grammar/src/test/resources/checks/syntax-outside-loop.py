break
for i in range(3):
    if i:
        break

    def inner():
        continue
else:
    continue
while True:
    try:
        continue
    finally:
        break
# --- expect
# 1:1-1:6 error syntax-outside-loop: 'break'/'continue' outside loop
# 7:9-7:17 error syntax-outside-loop: 'break'/'continue' outside loop
# 9:5-9:13 error syntax-outside-loop: 'break'/'continue' outside loop
