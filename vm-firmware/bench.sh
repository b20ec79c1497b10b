#!/usr/bin/env bash
# The seed's emitter experiment reproduced on the emulated board: loop-branch time and
# interrupt latency for bytecode, native and viper, under QEMU's -icount (deterministic virtual
# time: every guest instruction takes 2^SHIFT ns).
#
# Usage: vm-firmware/bench.sh [--shift N] [--runs N]
#   --shift N   -icount shift (default 5: 1 instruction = 32 ns, about the nominal 25 MHz core;
#               a 40 ns timer cycle then resolves single instructions)
#   --runs N    repeat the whole measurement N times (default 2) to show it is deterministic
#
# Builds the board firmware if needed, starts one QEMU per run (UART on a pty, killed at the end
# whatever happens), sends vm-firmware/bench/irq_bench_board.py once per emitter and experiment
# through MicroPython's tools/pyboard.py (raw-paste mode), and prints a Markdown table. Every step
# has a timeout. Needs python3 with pyserial (Debian's python3-serial: vm-firmware/install-deps.sh).
set -euo pipefail

VMF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$VMF/.." && pwd)"

shift_n=5
runs=2
while [ $# -gt 0 ]; do
    case "$1" in
        --shift) shift; shift_n="${1:?--shift needs a number}" ;;
        --runs) shift; runs="${1:?--runs needs a number}" ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

elf="$("$VMF/build.sh" qemu-mps2-an385 | tail -n1)"
TREE="$("$REPO_ROOT/tools/micropython-source.sh" --tree 2>/dev/null | tail -n1)"
PY=/usr/bin/python3
[ -x "$PY" ] || PY="$(command -v python3)"

exec "$PY" "$VMF/bench/irq_bench_host.py" --run-sh "$VMF/run.sh" --elf "$elf" \
    --pyboard "$TREE/tools" --board-script "$VMF/bench/irq_bench_board.py" \
    --shift "$shift_n" --runs "$runs"
