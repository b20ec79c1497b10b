#!/usr/bin/env bash
# Run MicroPython's own test suite (tests/run-tests.py of the cached 1.25.0
# tree) against one of our builds. Offline: the runner needs only python3 (and
# python3-serial for the qemu target, see install-deps.sh).
#
# Usage: vm-firmware/test-upstream.sh unix|qemu-mps2-an385 [run-tests.py args...]
#   e.g. vm-firmware/test-upstream.sh unix
#        vm-firmware/test-upstream.sh unix --emit native
#        vm-firmware/test-upstream.sh qemu-mps2-an385 -d basics micropython
#        vm-firmware/test-upstream.sh qemu-mps2-an385 ports/qemu/*.py   (paths relative to tests/)
#
# Builds the target first (vm-firmware/build.sh, incremental). The qemu target
# runs one QEMU for the whole run, attached through a pty, exactly as
# ports/qemu's `make test` does (-t execpty:"qemu-system-arm ... -serial pty
# -kernel firmware.elf"). Tests that import unittest are excluded: unittest
# comes from micropython-lib, an empty submodule in Debian's +ds tree, and
# run-tests.py aborts the whole run at the first test that needs it.
# Results (.out/.exp of failures, _results.json) go to
# .cache/firmware/test-results/<target>/. Exit status is run-tests.py's.
set -euo pipefail

VMF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$VMF/.." && pwd)"
CACHE="${MPRT_CACHE:-$REPO_ROOT/.cache}"
OUT="${MPRT_FIRMWARE_OUT:-$CACHE/firmware}"

target="${1:-}"
case "$target" in
    unix|qemu-mps2-an385) shift ;;
    -h|--help|"") awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; [ -n "$target" ]; exit $? ;;
    *) echo "unknown target: $target (unix or qemu-mps2-an385)" >&2; exit 2 ;;
esac

binary="$("$VMF/build.sh" "$target" | tail -n1)"
TREE="$("$REPO_ROOT/tools/micropython-source.sh" --tree 2>/dev/null | tail -n1)"

# Debian's python3 (python3-serial is installed for it); falls back to python3 on PATH.
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"

cd "$TREE/tests"
exclude="$(grep -rlE '^\s*(import|from) unittest' --include='*.py' . | sed 's|^\./||' | sort | paste -sd'|')"
results="$OUT/test-results/$target"
rm -rf "$results"
mkdir -p "$results"

args=(-r "$results")
if [ -n "$exclude" ]; then args+=(-e "$exclude"); fi

if [ "$target" = "unix" ]; then
    export MICROPY_MICROPYTHON="$binary"
    exec "$PY" ./run-tests.py -j"$(nproc 2>/dev/null || echo 2)" "${args[@]}" "$@"
else
    qemu="qemu-system-arm -machine mps2-an385 -nographic -monitor null -semihosting -serial pty -kernel $binary"
    exec "$PY" ./run-tests.py -t "execpty:$qemu" "${args[@]}" "$@"
fi
