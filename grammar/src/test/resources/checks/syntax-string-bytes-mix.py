a = "text" b"bytes"
b = "text" "more" 'text'
c = b"bytes" rb"more"
# --- expect
# 1:5-1:20 error syntax-string-bytes-mix: invalid syntax
