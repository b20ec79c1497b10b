#!/usr/bin/env bash
# Regenerates the committed board stubs (src/main/resources/dev/mprt/stubs/<board-id>/) from MicroPython's
# source tree (fetched and cached by tools/micropython-source.sh) and the override files in overrides/.
#
# Usage: board-stubs/generate.sh [<output-dir>]   (default: board-stubs/src/main/resources/dev/mprt/stubs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$here/src/main/resources/dev/mprt/stubs}"
tree="$("$root/tools/micropython-source.sh" --tree | tail -n 1)"
cd "$root"
mvn -B -q -pl board-stubs compile exec:java \
    -Dexec.args="$tree $out $here/overrides"
