# board: rp2-pico
# pyb exists on the pyboard, not on the Pico; rp2 does exist here.
import pyb
import rp2
from bluetooth import BLE

try:
    import esp
except ImportError:
    esp = None

import my_own_module
# --- expect
# 3:8-3:11 error semantic-module-unavailable: module 'pyb' is not available on board rp2-pico (it is on pyboard)
# 5:1-5:26 error semantic-module-unavailable: module 'bluetooth' is not available on board rp2-pico (it is on esp32)
