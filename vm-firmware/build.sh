#!/usr/bin/env bash
# Build mprt's MicroPython 1.25.0 firmwares out of tree from the cached source.
#
# Usage: vm-firmware/build.sh [qemu-mps2-an385|unix|all] [-j N] [--clean] [-- MAKEVAR=value ...]
#   qemu-mps2-an385  qemu port, our board vm-firmware/boards/MPS2_AN385_MPRT
#                    (QEMU machine mps2-an385, Cortex-M3) -> firmware.elf
#   unix             unix port, our variant vm-firmware/variants/mprt -> micropython
#   all              both (the default)
#   stock-mps2-an385 the qemu port's own MPS2_AN385 board, no mprt module (what a
#                    board without the debug monitor answers; the DAP tests use it)
#   -j N             parallel make jobs (default: number of CPUs)
#   --clean          remove that target's build folder first (a cold build)
#   -- VAR=value     extra variables passed to make (e.g. -- DEBUG=1 V=1)
#
# The source tree comes from tools/micropython-source.sh (Debian's
# micropython 1.25.0+ds-1, cached in .cache/micropython-1.25.0, which also
# builds mpy-cross). Nothing is copied into the repo and nothing is written into
# the MicroPython tree: make runs in the tree's port folder with BUILD= pointing at
#   .cache/firmware/qemu-mps2-an385/   (firmware.elf, firmware.map, objects)
#   .cache/firmware/unix/              (micropython, objects)
# Our additions are passed in by path: BOARD_DIR= (qemu), VARIANT_DIR= (unix),
# and USER_C_MODULES=vm-firmware/modules once that folder holds a module
# (<module>/micropython.mk). Builds are incremental (make's own dependency
# tracking). Make's output goes to stderr; stdout carries only the paths of
# the built binaries, one per line.
#
# Environment: MPRT_CACHE (default <repo>/.cache), MPRT_FIRMWARE_OUT
# (default $MPRT_CACHE/firmware).
set -euo pipefail

VMF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$VMF/.." && pwd)"
CACHE="${MPRT_CACHE:-$REPO_ROOT/.cache}"
OUT="${MPRT_FIRMWARE_OUT:-$CACHE/firmware}"

log() { printf '[vm-firmware/build] %s\n' "$*" >&2; }
die() { printf '[vm-firmware/build] ERROR: %s\n' "$*" >&2; exit 1; }

target="all"
jobs="$(nproc 2>/dev/null || echo 2)"
clean=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        qemu-mps2-an385|qemu|unix|all|stock-mps2-an385) target="$1" ;;
        -j) shift; jobs="${1:?-j needs a number}" ;;
        -j*) jobs="${1#-j}" ;;
        --clean) clean=1 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
[ "$target" = "qemu" ] && target="qemu-mps2-an385"

# Toolchains and QEMU (installs only what is missing).
if ! "$VMF/install-deps.sh" --check >/dev/null; then
    "$VMF/install-deps.sh" >&2
fi

# The MicroPython tree (+ mpy-cross, needed for frozen modules); last stdout line is its path.
TREE="$("$REPO_ROOT/tools/micropython-source.sh" --tree | tail -n1)"
[ -f "$TREE/py/mpconfig.h" ] || die "no MicroPython tree at '$TREE'"

mkdir -p "$OUT"
# One build at a time per output folder (two sessions building at once would clash).
exec 8>"$OUT/.build.lock"
if ! flock -n 8; then
    log "waiting for another build (lock $OUT/.build.lock)"
    flock 8
fi

# User C modules: only passed when at least one module exists (py/py.mk includes
# every $(USER_C_MODULES)/*/micropython.mk).
usermod=()
if compgen -G "$VMF/modules/*/micropython.mk" >/dev/null; then
    usermod=("USER_C_MODULES=$VMF/modules")
fi

built=()

build_one() {
    local name="$1" port="$2" product="$3"; shift 3
    local build="$OUT/$name"
    if [ "$clean" -eq 1 ] && [ -d "$build" ]; then
        log "removing $build (--clean)"
        rm -rf "$build"
    fi
    log "building $name: make -C $TREE/ports/$port BUILD=$build $* ${usermod[*]} ${extra[*]}"
    local t0 t1
    t0="$(date +%s.%N)"
    make -C "$TREE/ports/$port" -j"$jobs" BUILD="$build" "$@" "${usermod[@]}" "${extra[@]}" >&2 \
        || die "$name build failed"
    t1="$(date +%s.%N)"
    [ -f "$build/$product" ] || die "$name: $build/$product was not produced"
    log "$name done in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s: $build/$product"
    built+=("$build/$product")
}

case "$target" in
    qemu-mps2-an385|all)
        build_one qemu-mps2-an385 qemu firmware.elf \
            BOARD=MPS2_AN385_MPRT BOARD_DIR="$VMF/boards/MPS2_AN385_MPRT"
        arm-none-eabi-size "$OUT/qemu-mps2-an385/firmware.elf" >&2
        ;;
esac
case "$target" in
    stock-mps2-an385)
        usermod=()
        # our manifest: the stock one requires micropython-lib, which the source package lacks
        build_one stock-mps2-an385 qemu firmware.elf BOARD=MPS2_AN385 \
            FROZEN_MANIFEST="$VMF/boards/MPS2_AN385_MPRT/manifest.py"
        ;;
esac
case "$target" in
    unix|all)
        build_one unix unix micropython VARIANT_DIR="$VMF/variants/mprt"
        ;;
esac

printf '%s\n' "${built[@]}"
