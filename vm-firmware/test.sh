#!/usr/bin/env bash
# Run mprt's firmware tests (vm-firmware/tests, MicroPython style: name.py + name.py.exp) on the
# unix build and on the emulated qemu-mps2-an385 board, with MicroPython's own runner
# (tests/run-tests.py of the cached 1.25.0 tree).
#
# Usage: vm-firmware/test.sh [all|unix|qemu-mps2-an385] [run-tests.py args...]
#   tests/common/*.py   run on both builds (time, schedule/heap lock, emitters, settrace)
#   tests/qemu/*.py     run on the board only (machine.Pin, machine.Timer, pulse generator, ...)
#   tests/unix/*.py     run on the unix build only (the debug monitor's stdin/stdout link)
#
# Builds what it runs first (vm-firmware/build.sh, incremental). The board runs as one QEMU for
# the whole run, attached through a pty (-t execpty:..., as ports/qemu's `make test` does); the
# runner stops it at the end. Each test is bounded by run-tests.py's own timeout. Results
# (.out/.exp of failures, _results.json) go to .cache/firmware/test-results/mprt-<target>/.
# Ends with one line "N passed, N failed" over all targets; the exit status is 0 only if
# nothing failed.
set -euo pipefail

VMF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$VMF/.." && pwd)"
CACHE="${MPRT_CACHE:-$REPO_ROOT/.cache}"
OUT="${MPRT_FIRMWARE_OUT:-$CACHE/firmware}"

target="${1:-all}"
case "$target" in
    all|unix|qemu-mps2-an385) [ $# -gt 0 ] && shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) target="all" ;;
    *) echo "unknown target: $target (all, unix or qemu-mps2-an385)" >&2; exit 2 ;;
esac

TREE="$("$REPO_ROOT/tools/micropython-source.sh" --tree 2>/dev/null | tail -n1)"
# Debian's python3 has python3-serial, which the pty target needs (tools/pyboard.py).
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"

passed=0
failed=0

run_target() {
    local name="$1"; shift
    local binary results
    binary="$("$VMF/build.sh" "$name" | tail -n1)"
    results="$OUT/test-results/mprt-$name"
    rm -rf "$results"
    mkdir -p "$results"
    local tests=("$VMF"/tests/common/*.py)
    local runner=("$PY" ./run-tests.py -r "$results")
    if [ "$name" = "unix" ]; then
        tests+=("$VMF"/tests/unix/*.py)
        export MICROPY_MICROPYTHON="$binary"
    else
        tests+=("$VMF"/tests/qemu/*.py)
        runner+=(-t "execpty:qemu-system-arm -machine mps2-an385 -nographic -monitor null -semihosting -serial pty -kernel $binary")
    fi
    printf '[vm-firmware/test] %s: %d tests\n' "$name" "${#tests[@]}" >&2
    local rc=0
    (cd "$TREE/tests" && "${runner[@]}" "$@" "${tests[@]}") 2>&1 | tee "$results/run.log" >&2 \
        || rc=$?
    # Count from the runner's summary ("N tests passed", "N tests failed: ...").
    local counts
    counts="$(awk '/^[0-9]+ tests passed/ { p = $1 } /^[0-9]+ tests failed/ { f = $1 }
                   END { print p + 0, f + 0 }' "$results/run.log")"
    local p f
    read -r p f <<< "$counts"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1 # the runner itself failed (e.g. QEMU did not start)
    fi
    printf '[vm-firmware/test] %s: %s passed, %s failed\n' "$name" "$p" "$f" >&2
    passed=$((passed + p))
    failed=$((failed + f))
}

case "$target" in all|unix) run_target unix "$@" ;; esac
case "$target" in all|qemu-mps2-an385) run_target qemu-mps2-an385 "$@" ;; esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
