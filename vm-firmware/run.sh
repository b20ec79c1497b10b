#!/usr/bin/env bash
# Run the mprt MPS2_AN385 MicroPython firmware under QEMU (machine mps2-an385), or the unix build
# on a pty.
#
# Usage: vm-firmware/run.sh [--board qemu-mps2-an385|unix] [--stdio] [--elf FILE] [--pty-file FILE]
#                           [-- QEMU_ARGS...]
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
# --board unix: the unix build (.cache/firmware/unix/micropython, built first if it is missing;
#   --elf names another) instead of QEMU. pty mode: socat runs it with a pty of its own as its
#   terminal (stdin, stdout, stderr) and relays that to a new pty, whose path is printed as for
#   QEMU: a serial terminal or the debugger connects there, as to the board's UART. Stop it as
#   above (Ctrl-C, kill; Ctrl-D at the REPL ends the unix build itself). --stdio runs the build in
#   this terminal.
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
board="qemu-mps2-an385"
elf=""
pty_file=""
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --stdio) mode="stdio" ;;
        --board) shift; board="${1:?--board needs qemu-mps2-an385 or unix}" ;;
        --board=*) board="${1#--board=}" ;;
        --elf) shift; elf="${1:?--elf needs a file}" ;;
        --pty-file) shift; pty_file="${1:?--pty-file needs a file}" ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done

case "$board" in
    qemu-mps2-an385|qemu) board="qemu-mps2-an385"; product="firmware.elf" ;;
    unix) product="micropython" ;;
    *) die "unknown board: $board (qemu-mps2-an385 or unix)" ;;
esac
if [ -z "$elf" ]; then
    elf="$OUT/$board/$product"
    if [ ! -f "$elf" ]; then
        "$VMF/build.sh" "$board" >/dev/null
    fi
fi
[ -f "$elf" ] || die "no firmware at $elf"

# Passes the lines of a child's output through to stderr and prints the pty path that a line
# "<prefix>/dev/pts/N..." names on stdout (and into --pty-file).
report_pty() {
    local prefix="$1" line path
    while IFS= read -r line; do
        case "$line" in
            *"$prefix"*)
                path="${line#*"$prefix"}"
                path="${path%% *}"
                if [ -n "$pty_file" ]; then printf '%s\n' "$path" > "$pty_file"; fi
                printf '%s\n' "$path"
                ;;
        esac
        printf '%s\n' "$line" >&2
    done
}

# Runs "$@" in the background until it ends or a signal stops it (passed on as SIGTERM).
run_child() {
    local what="$1"; shift
    "$@" &
    child_pid=$!
    stop() { kill -TERM "$child_pid" 2>/dev/null || true; }
    trap stop INT TERM HUP
    printf '[vm-firmware/run] %s running (pid %s); stop with Ctrl-C or kill %s\n' "$what" "$child_pid" "$$" >&2
    rc=0
    # `wait` returns early when a trapped signal arrives; wait again until the child is gone.
    while kill -0 "$child_pid" 2>/dev/null; do
        wait "$child_pid" && rc=0 || rc=$?
    done
    [ -z "$pty_file" ] || rm -f "$pty_file"
    exit "$rc"
}

if [ "$board" = "unix" ]; then
    [ "$mode" = "stdio" ] && exec "$elf"
    command -v socat >/dev/null 2>&1 || die "socat not found: run vm-firmware/install-deps.sh"
    case "$elf" in *[[:space:],:!]*) die "the unix build's path may not contain spaces, ',', ':' or '!' (socat): $elf" ;; esac
    # PTY,rawer: the relayed pty passes bytes unchanged (the debugger's frames are binary).
    # EXEC:...,pty,setsid,ctty,stderr: the build's own terminal, as in a terminal emulator: the
    # REPL runs (isatty), Ctrl-C is SIGINT while code runs, and the monitor's link can use it.
    run_child "unix build (socat)" socat -d -d PTY,rawer "EXEC:$elf,pty,setsid,ctty,stderr" \
        2> >(report_pty "PTY is ")
fi

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
# on its stdout (QEMU 7.2); pass all its output through to stderr, and print
# just the path on stdout.
run_child qemu-system-arm "${qemu[@]}" -serial pty -kernel "$elf" "${extra[@]}" \
    > >(report_pty "char device redirected to ") 2>&1
