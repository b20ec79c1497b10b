from machine import Timer

Timer(<|>
# --- completion includes
# mode= (Variable)
# callback= (Variable)
# period= (Variable)
# freq= (Variable)
# --- completion excludes
# id=
