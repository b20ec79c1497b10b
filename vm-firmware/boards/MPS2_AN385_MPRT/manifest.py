# Frozen modules for the mprt MPS2_AN385 firmware.
#
# The qemu port's stock manifest also does require("unittest"), which needs
# micropython-lib (an empty submodule in Debian's +ds source tree), so it is
# left out. The port's test fixtures are kept so that upstream's
# tests/ports/qemu/*.py tests (asm_thumb, viper and native code frozen into
# the firmware) run against this build too.
freeze(
    "$(PORT_DIR)/test-frzmpy",
    ("frozen_asm_thumb.py", "frozen_const.py", "frozen_viper.py", "native_frozen_align.py"),
)
