#!/usr/bin/env bash
# Obtain the MicroPython 1.25.0 source tree from Debian's source package
# (micropython 1.25.0+ds-1, trixie) and build mpy-cross from it.
#
# Idempotent and cached: the tree lives at ${MPRT_CACHE:-<repo>/.cache}/micropython-1.25.0
# and is only fetched once; mpy-cross is only rebuilt when missing or older than
# the extraction marker. Safe against concurrent invocations (flock).
#
# Usage:
#   tools/micropython-source.sh [--tree]    ensure tree + mpy-cross; print the tree path
#   tools/micropython-source.sh --mpy-cross ensure tree + mpy-cross; print the mpy-cross path
#
# All progress messages go to stderr; stdout carries only the resulting path.
#
# Environment:
#   MPRT_CACHE                   cache folder (default: <repo root>/.cache)
#   MPRT_MICROPYTHON_DEBVERSION  Debian source version (default: 1.25.0+ds-1)
set -euo pipefail

readonly MP_VERSION="1.25.0"
readonly DEB_VERSION="${MPRT_MICROPYTHON_DEBVERSION:-1.25.0+ds-1}"
readonly DEB_SUITE="trixie"
readonly DEB_SOURCES_FILE="/etc/apt/sources.list.d/debian.sources"
readonly MPRT_SOURCES_FILE="/etc/apt/sources.list.d/mprt-${DEB_SUITE}-src.sources"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
CACHE="${MPRT_CACHE:-$REPO_ROOT/.cache}"
TREE="$CACHE/micropython-$MP_VERSION"
MARKER="$TREE/.mprt-extracted"
MPY_CROSS="$TREE/mpy-cross/build/mpy-cross"

log() { printf '[micropython-source] %s\n' "$*" >&2; }
die() { printf '[micropython-source] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
}

mode="tree"
while [ $# -gt 0 ]; do
    case "$1" in
        --tree) mode="tree" ;;
        --mpy-cross) mode="mpy-cross" ;;
        -h|--help) usage; exit 0 ;;
        *) usage; die "unknown argument: $1" ;;
    esac
    shift
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

# --- apt helpers --------------------------------------------------------------

APT_UPDATED=0
apt_install() {
    # Install Debian packages (from the machine's normal binary suites).
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update (to install: $*)"
        $SUDO apt-get update -qq >&2 || die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2 \
        || die "apt-get install $* failed"
}

# Print the value of deb822 field $1 from the first stanza of $DEB_SOURCES_FILE
# that lists plain Debian (not -security) with Types containing "deb".
debian_sources_field() {
    awk -v want="$1" '
        BEGIN { RS = ""; FS = "\n" }
        {
            types = ""; uris = ""; val = ""
            for (i = 1; i <= NF; i++) {
                line = $i
                if (line ~ /^[ \t]*#/) continue
                split(line, kv, ":")
                key = kv[1]
                v = substr(line, length(key) + 2)
                sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
                if (key == "Types") types = v
                if (key == "URIs") uris = v
                if (key == want) val = v
            }
            if (types ~ /(^| )deb( |$)/ && uris != "" && uris !~ /-security/) {
                print val
                exit
            }
        }' "$DEB_SOURCES_FILE"
}

ensure_deb_src_entry() {
    if [ -f "$MPRT_SOURCES_FILE" ]; then
        log "deb-src entry present: $MPRT_SOURCES_FILE"
        return
    fi
    [ -f "$DEB_SOURCES_FILE" ] || die "$DEB_SOURCES_FILE not found; cannot derive the Debian archive URI"
    local uris signed_by
    uris="$(debian_sources_field URIs)"
    signed_by="$(debian_sources_field Signed-By)"
    [ -n "$uris" ] || die "could not read URIs from $DEB_SOURCES_FILE"
    log "writing $MPRT_SOURCES_FILE (deb-src $DEB_SUITE main)"
    {
        echo "# Written by mprt tools/micropython-source.sh: MicroPython source package"
        echo "Types: deb-src"
        echo "URIs: $uris"
        echo "Suites: $DEB_SUITE"
        echo "Components: main"
        if [ -n "$signed_by" ]; then echo "Signed-By: $signed_by"; fi
    } | $SUDO tee "$MPRT_SOURCES_FILE" >/dev/null
}

update_deb_src_lists() {
    # Refresh only the index of our deb-src entry; keep all other lists untouched.
    log "apt-get update (only $MPRT_SOURCES_FILE)"
    $SUDO apt-get update -qq \
        -o Dir::Etc::sourcelist="$MPRT_SOURCES_FILE" \
        -o Dir::Etc::sourceparts="-" \
        -o APT::Get::List-Cleanup="0" >&2 \
        || die "apt-get update for the $DEB_SUITE deb-src entry failed"
}

# --- fetch + extract ----------------------------------------------------------

verify_tree() {
    local missing_required=() missing_expected=() p
    for p in py mpy-cross; do
        [ -e "$1/$p" ] || missing_required+=("$p")
    done
    for p in extmod lib ports/unix ports/qemu tests docs/library; do
        [ -e "$1/$p" ] || missing_expected+=("$p")
    done
    if [ "${#missing_required[@]}" -gt 0 ]; then
        die "extracted tree lacks required parts: ${missing_required[*]}"
    fi
    if [ "${#missing_expected[@]}" -gt 0 ]; then
        log "WARNING: extracted tree lacks: ${missing_expected[*]}"
    fi
}

fetch_tree() {
    if [ -f "$MARKER" ]; then
        log "source tree cached: $TREE"
        return
    fi
    if [ -e "$TREE" ]; then
        log "removing incomplete tree $TREE"
        rm -rf "$TREE"
    fi

    command -v dpkg-source >/dev/null 2>&1 || apt_install dpkg-dev
    ensure_deb_src_entry
    update_deb_src_lists

    TMP_DIR="$(mktemp -d "$CACHE/tmp.XXXXXX")"
    trap 'rm -rf "${TMP_DIR:-}"' EXIT

    log "apt-get source --download-only micropython=$DEB_VERSION"
    if ! (cd "$TMP_DIR" && apt-get source -qq --download-only "micropython=$DEB_VERSION" >&2); then
        local avail
        avail="$(apt-cache showsrc micropython 2>/dev/null | awk '/^Version:/ {print $2}' | sort -u | tr '\n' ' ')"
        die "could not download Debian source package micropython=$DEB_VERSION" \
            "(tried: deb-src suite '$DEB_SUITE' via $MPRT_SOURCES_FILE, then 'apt-get source --download-only')." \
            "Versions apt knows: ${avail:-none}"
    fi

    local dsc
    dsc="$(find "$TMP_DIR" -maxdepth 1 -name 'micropython_*.dsc' | head -n1)"
    [ -n "$dsc" ] || die "no .dsc downloaded into $TMP_DIR"

    log "dpkg-source -x $(basename "$dsc")"
    (cd "$TMP_DIR" && dpkg-source -x "$dsc" "$TMP_DIR/src" >&2) || die "dpkg-source -x failed"

    verify_tree "$TMP_DIR/src"
    mv "$TMP_DIR/src" "$TREE"
    printf 'micropython %s (Debian source %s, %s)\nextracted %s\n' \
        "$MP_VERSION" "$DEB_VERSION" "$DEB_SUITE" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$MARKER"
    rm -rf "$TMP_DIR"
    TMP_DIR=""
    log "source tree ready: $TREE"
}

# --- mpy-cross ----------------------------------------------------------------

build_mpy_cross() {
    if [ -x "$MPY_CROSS" ] && [ "$MPY_CROSS" -nt "$MARKER" ]; then
        log "mpy-cross up to date: $MPY_CROSS"
        return
    fi
    local need=() c
    for c in make gcc; do
        command -v "$c" >/dev/null 2>&1 || need=(build-essential)
    done
    command -v python3 >/dev/null 2>&1 || need+=(python3)
    if [ "${#need[@]}" -gt 0 ]; then apt_install "${need[@]}"; fi

    log "building mpy-cross (make -C $TREE/mpy-cross -j2)"
    make -C "$TREE/mpy-cross" -j2 >&2 || die "mpy-cross build failed"
    [ -x "$MPY_CROSS" ] || die "mpy-cross build finished but $MPY_CROSS is missing"
    touch "$MPY_CROSS"
    log "mpy-cross ready: $MPY_CROSS"
}

# --- main ---------------------------------------------------------------------

mkdir -p "$CACHE"
exec 9>"$CACHE/micropython-source.lock"
if ! flock -n 9; then
    log "waiting for another micropython-source.sh run (lock $CACHE/micropython-source.lock)"
    flock 9
fi

fetch_tree
build_mpy_cross
case "$mode" in
    tree) echo "$TREE" ;;
    mpy-cross) echo "$MPY_CROSS" ;;
esac
