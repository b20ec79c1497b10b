def tick(step):
    <|>
# --- completion includes
# const (Function)
# --- completion excludes
# Any
# TypeVar
