#!/usr/bin/env bash
# The test command (README, CI): installs what the tests need, then builds everything and runs every test:
# grammar coverage over MicroPython's tests/, golden trees, rule fixtures, the mpy-cross differential test,
# board stubs (regeneration, Pyright), the end-to-end command-line, LSP and emulated-board tests against the
# packaged ./mprt, and finally the firmware's own tests (.py + .exp) on the unix and emulated builds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup.sh"
cd "$root"
mvn -B verify "$@"
"$root/vm-firmware/test.sh" all
