#!/usr/bin/env bash
# Installs what mprt's build and tests need on a Debian machine, idempotently: a JDK 17 and Maven (normally
# already there), then MicroPython 1.25.0's source from Debian's source package and mpy-cross built from it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[setup] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  log "java $java_major found; mprt needs JDK 17 or newer"
  exit 1
fi

"$root/tools/micropython-source.sh" --mpy-cross >/dev/null
"$root/vm-firmware/install-deps.sh" >&2
log "ready: $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1), MicroPython source and mpy-cross in .cache/"
