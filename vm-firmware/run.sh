#!/usr/bin/env bash
# Run the mprt MPS2_AN385 MicroPython firmware under QEMU (machine mps2-an385).
#
# Usage: vm-firmware/run.sh [--stdio] [--elf FILE] [--pty-file FILE] [-- QEMU_ARGS...]
#
# Default (pty mode): the board's UART0 is connected to a new pseudo-terminal.
#   The pty path (e.g. /dev/pts/3) is printed on stdout, alone on its line, as
#   soon as QEMU has opened it; QEMU's own messages go to stderr. QEMU then runs
#   in the foreground until it is stopped:
#     - Ctrl-C in this terminal, or `kill <pid of run.sh>` (SIGTERM/SIGINT/SIGHUP
#       are passed on to QEMU as SIGTERM; use SIGTERM when run.sh was started
#       with `&` from a script, where POSIX shells ignore SIGINT), or
#     - `import machine; machine.reset()` at the MicroPython REPL (the qemu port
#       exits QEMU through ARM semihosting).
#   Connect with any serial terminal (e.g. `mpremote connect /dev/pts/3`,
#   `picocom /dev/pts/3`); you can disconnect and reconnect. Output sent while
#   nothing is connected (e.g. the boot banner) is dropped by QEMU: press Enter.
# --stdio: the UART is this terminal (interactive REPL), or this process's
#   stdin/stdout when stdin is not a terminal (piped).
#   Terminal: Ctrl-C goes to MicroPython. QEMU's monitor is muxed in with
#   escape character Ctrl-] (not QEMU's default Ctrl-A, so that MicroPython's
#   raw REPL, entered with Ctrl-A, works): Ctrl-] x quits QEMU, Ctrl-] h lists
#   the other keys.
#   Piped: QEMU does not exit at the end of the input; end it with
#   `import machine; machine.reset()` (QEMU exits with status 0), or kill it.
# --elf FILE: firmware to run (default .cache/firmware/qemu-mps2-an385/firmware.elf,
#   built with vm-firmware/build.sh qemu-mps2-an385 first if it is missing).
# --pty-file FILE: also write the pty path to FILE (pty mode).
# -- QEMU_ARGS: extra QEMU arguments, e.g. `-- -s -S` to wait for gdb on :1234.
#
# The QEMU command line is the one ports/qemu/Makefile uses for its run/repl/test
# targets: -machine mps2-an385 -nographic -monitor null -semihosting
# -serial pty|mon:stdio -kernel firmware.elf (piped --stdio: a plain stdio chardev, see above).
set -euo pipefail

VMF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$VMF/.." && pwd)"
CACHE="${MPRT_CACHE:-$REPO_ROOT/.cache}"
OUT="${MPRT_FIRMWARE_OUT:-$CACHE/firmware}"

die() { printf '[vm-firmware/run] ERROR: %s\n' "$*" >&2; exit 1; }

mode="pty"
elf=""
pty_file=""
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --stdio) mode="stdio" ;;
        --elf) shift; elf="${1:?--elf needs a file}" ;;
        --pty-file) shift; pty_file="${1:?--pty-file needs a file}" ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

if [ -z "$elf" ]; then
    elf="$OUT/qemu-mps2-an385/firmware.elf"
    if [ ! -f "$elf" ]; then
        "$VMF/build.sh" qemu-mps2-an385 >/dev/null
    fi
fi
[ -f "$elf" ] || die "no firmware at $elf"
command -v qemu-system-arm >/dev/null 2>&1 || die "qemu-system-arm not found: run vm-firmware/install-deps.sh"

qemu=(qemu-system-arm -machine mps2-an385 -nographic -monitor null -semihosting)

if [ "$mode" = "stdio" ]; then
    if [ -t 0 ]; then
        # A terminal: UART and QEMU monitor muxed on stdio, escape key Ctrl-] (29).
        exec "${qemu[@]}" -echr 29 -serial mon:stdio -kernel "$elf" "${extra[@]}"
    else
        # A pipe: a plain stdio chardev. QEMU's mux (mon:stdio) can strand input
        # that arrives before the firmware has enabled the UART receiver (seen
        # with QEMU 7.2: 3 of 6 piped runs lost their input), the plain chardev
        # only reads stdin when the UART can take a byte. signal=off: a 0x03
        # byte in the input is Ctrl-C for MicroPython, not SIGINT for QEMU.
        exec "${qemu[@]}" -chardev stdio,id=uart0,signal=off -serial chardev:uart0 \
            -kernel "$elf" "${extra[@]}"
    fi
fi

# pty mode: QEMU reports "char device redirected to /dev/pts/N (label serial0)"
# on stdout (QEMU 7.2); pass all its output through to stderr, and print
# just the path on stdout.
report_pty() {
    local line path
    while IFS= read -r line; do
        case "$line" in
            *"char device redirected to "*)
                path="${line#*redirected to }"
                path="${path%% *}"
                if [ -n "$pty_file" ]; then printf '%s\n' "$path" > "$pty_file"; fi
                printf '%s\n' "$path"
                ;;
        esac
        printf '%s\n' "$line" >&2
    done
}

"${qemu[@]}" -serial pty -kernel "$elf" "${extra[@]}" > >(report_pty) 2>&1 &
qemu_pid=$!
stop() { kill -TERM "$qemu_pid" 2>/dev/null || true; }
trap stop INT TERM HUP
printf '[vm-firmware/run] qemu-system-arm running (pid %s); stop with Ctrl-C or kill %s\n' "$qemu_pid" "$$" >&2
rc=0
# `wait` returns early when a trapped signal arrives; wait again until QEMU is gone.
while kill -0 "$qemu_pid" 2>/dev/null; do
    wait "$qemu_pid" && rc=0 || rc=$?
done
[ -z "$pty_file" ] || rm -f "$pty_file"
exit "$rc"
