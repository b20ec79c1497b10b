#!/usr/bin/env bash
# `./mprt firmware ...`: the launcher's entry to the firmware scripts of this folder.
#
# Usage: ./mprt firmware build [--board qemu-mps2-an385|unix|all] [build.sh options]
#          Builds incrementally (default board: qemu-mps2-an385) and prints the output paths:
#            .cache/firmware/qemu-mps2-an385/firmware.elf   (and firmware.map beside it)
#            .cache/firmware/unix/micropython
#        ./mprt firmware run [--board qemu-mps2-an385|unix] [--stdio] [run.sh options]
#          Starts the emulated board (building it first if needed). Default: its UART on a new
#          pty, whose path is printed on stdout; QEMU runs until Ctrl-C or kill. --stdio: a REPL
#          in this terminal (Ctrl-] x quits). --board unix: the unix build on a new pty (socat).
#        ./mprt firmware test [all|unix|qemu-mps2-an385]
#          The firmware tests (vm-firmware/test.sh).
set -euo pipefail
VMF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; }

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
    build)
        board="qemu-mps2-an385"
        args=()
        while [ $# -gt 0 ]; do
            case "$1" in
                --board) shift; board="${1:?--board needs qemu-mps2-an385, unix or all}" ;;
                --board=*) board="${1#--board=}" ;;
                *) args+=("$1") ;;
            esac
            shift
        done
        case "$board" in
            qemu-mps2-an385|unix|all) ;;
            *) echo "mprt firmware: unknown board '$board' (qemu-mps2-an385, unix or all)" >&2; exit 2 ;;
        esac
        exec "$VMF/build.sh" "$board" "${args[@]}"
        ;;
    run) exec "$VMF/run.sh" "$@" ;;
    test) exec "$VMF/test.sh" "$@" ;;
    -h|--help|help|"") usage; [ -n "$cmd" ] ;;
    *) echo "mprt firmware: unknown command '$cmd'" >&2; usage >&2; exit 2 ;;
esac
