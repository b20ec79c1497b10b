#!/usr/bin/env bash
# The debug monitor's run-time cost, on both builds: vm-firmware/modules/mprt_debug/bench/bench.sh
# Runs monitor_cost.py on the unix build and on the emulated board (QEMU with -icount, so that the
# board's figures count instructions and repeat exactly). See docs/monitor.md for the results.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VMF="$(cd "$HERE/../../.." && pwd)"
# Optional baselines without the monitor (MPRT_DEBUG=0 builds), for the "plain" column:
#   BASE_UNIX=path/to/micropython BASE_ELF=path/to/firmware.elf bench.sh
unix="$("$VMF/build.sh" unix | tail -n1)"
elf="$("$VMF/build.sh" qemu-mps2-an385 | tail -n1)"

board() {
    # The board runs the file through a piped REPL in paste mode (Ctrl-E ... Ctrl-D), then exits QEMU.
    { printf '\x05'; sed 's/\r//' "$HERE/monitor_cost.py"; printf '\x04'; printf 'import machine; machine.reset()\r'; } |
        timeout 900 qemu-system-arm -machine mps2-an385 -nographic -monitor null -semihosting \
            -icount shift=5,sleep=off -chardev stdio,id=uart0,signal=off -serial chardev:uart0 -kernel "$1" |
        tr -d '\r' | grep -E '^(loop|calls) '
}

echo "== unix"
if [ -n "${BASE_UNIX:-}" ]; then (cd "$HERE" && "$BASE_UNIX" monitor_cost.py); fi
(cd "$HERE" && "$unix" monitor_cost.py)
echo "== qemu-mps2-an385 (-icount shift=5: virtual microseconds, deterministic)"
if [ -n "${BASE_ELF:-}" ]; then board "$BASE_ELF"; fi
board "$elf"
