#!/usr/bin/env bash
# Install (via apt) what vm-firmware/build.sh and vm-firmware/run.sh need.
#
# Idempotent: only packages that are not installed yet are installed, and
# `apt-get update` runs only when something is missing. Prints what it
# installed (or that nothing was missing) on stdout; apt's chatter goes to stderr.
#
# Usage: vm-firmware/install-deps.sh [--check]
#   --check   only report what is missing (exit 1 if anything is), install nothing
set -euo pipefail

PACKAGES=(
    build-essential          # host gcc/make: unix port, mpy-cross
    pkg-config               # unix port probes libffi with it
    libffi-dev               # unix port: MICROPY_PY_FFI (system libffi; lib/libffi is empty in the +ds tree)
    python3                  # makeqstrdefs.py & co., tests/run-tests.py
    gcc-arm-none-eabi        # Cortex-M3 cross compiler (qemu port)
    libnewlib-arm-none-eabi  # libc headers/libm for arm-none-eabi (qemu port links -nostdlib but includes newlib headers)
    binutils-arm-none-eabi   # arm-none-eabi-size/objdump
    qemu-system-arm          # qemu-system-arm -machine mps2-an385
    python3-serial           # tests/run-tests.py -t execpty:... (tools/pyboard.py imports serial); use /usr/bin/python3
    socat                    # run.sh --board unix: the unix build on a pty (the debugger's link)
)

check_only=0
case "${1:-}" in
    --check) check_only=1 ;;
    "") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

missing=()
for p in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
        missing+=("$p")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: nothing missing (${#PACKAGES[@]} packages already installed)"
    exit 0
fi

if [ "$check_only" -eq 1 ]; then
    echo "install-deps: missing: ${missing[*]}"
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
fi

echo "install-deps: installing: ${missing[*]}" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2

# Verify.
failed=()
for p in "${missing[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || failed+=("$p")
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "install-deps: FAILED to install: ${failed[*]}" >&2
    exit 1
fi
echo "install-deps: installed: ${missing[*]}"
