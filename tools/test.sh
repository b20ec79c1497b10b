#!/usr/bin/env bash
# The test command (README, CI): installs what the tests need, then builds everything and runs every test:
# grammar coverage over MicroPython's tests/, golden trees, rule fixtures, the mpy-cross differential test,
# and the end-to-end command-line and LSP tests against the packaged ./mprt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/setup.sh"
cd "$root"
exec mvn -B verify "$@"
