#!/usr/bin/env bash
# Runs mprt's benchmarks (results and method: docs/benchmarks.md):
#   CliBenchmark    ./mprt check over MicroPython's tests/ tree, as processes (JVM start included)
#   LspBenchmark    ./mprt lsp over real LSP: open, completion/hover latency, one-character edits of generated
#                   5k/20k-line modules, RSS
#   PhaseBenchmark  in-process lexer / parser / syntax diagnostics / checks over the tests tree, cold and warm,
#                   once with the launcher's JVM options and once with the JVM's defaults
#   DapBenchmark    ./mprt dap over real DAP with the emulated board: breakpoint hit -> stopped at the client,
#                   a step with the client's stackTrace/scopes/variables round, upload throughput (needs QEMU)
#   pyright         optional side-by-side: pyright's CLI over the same tree (npm install into the cache, once)
# and, only when asked for (--only, or --all):
#   variants        the CLI under other JVM options, interleaved (1 CPU, C2, an AppCDS archive) and the language
#                   server with C2: what the launcher's options cost or save
#   profile         a Java Flight Recording of the language server during the 20k-line edits, summarised by
#                   dev.mprt.bench.JfrBreakdown (which step of Xtext's build the time goes to)
#
# Usage:
#   tools/bench.sh [--quick] [--no-pyright] [--rebuild] [--all] [--only cli|lsp|phase|dap|pyright|variants|profile]...
#
#   --quick       3 CLI runs, 10 edits, 1+2 phase passes (a smoke test, not figures to quote)
#   --no-pyright  skip pyright (also skipped, with a message, when npm or the install fails)
#   --rebuild     build even if the jar and the benchmark classes look current
#   --only X      run only benchmark X (repeatable)
#   --all         also run the variants and the profile
#
# Environment: MPRT_JAVA_OPTS (passed to ./mprt as usual), MPRT_CACHE (where the MicroPython tree and pyright
# live; default <repo>/.cache), BENCH_RUNS (CLI runs, default 10), BENCH_EDITS (LSP edits, default 30),
# BENCH_QUERIES (LSP completion/hover requests per kind, default 40), BENCH_PASSES / BENCH_WARMUP (phase passes,
# default 5 / 3), BENCH_PYRIGHT_RUNS (default 2), BENCH_LABEL (a note for the header, e.g. which snapshot is
# measured).
# Builds with Maven when needed; never changes tracked files. Progress on stderr, results on stdout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cache="${MPRT_CACHE:-$root/.cache}"
jar="$root/language-server/target/mprt.jar"
classes="$root/test/target/classes"
cp="$classes:$jar"
launcher_opts="${MPRT_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"

runs="${BENCH_RUNS:-10}"
edits="${BENCH_EDITS:-30}"
queries="${BENCH_QUERIES:-40}"
passes="${BENCH_PASSES:-5}"
dap_hits="${BENCH_DAP_HITS:-50}"
warmup="${BENCH_WARMUP:-3}"
pyright=1
rebuild=0
all=0
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) runs=3; edits=10; passes=2; warmup=1; dap_hits=10 ;;
        --no-pyright) pyright=0 ;;
        --rebuild) rebuild=1 ;;
        --all) all=1 ;;
        --only) shift; only+=("${1:?--only needs cli, lsp, phase or pyright}") ;;
        --only=*) only+=("${1#--only=}") ;;
        -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done

want() {
    if [ "${#only[@]}" -eq 0 ]; then
        case "$1" in
            variants|profile) [ "$all" -eq 1 ]; return ;;
            *) return 0 ;;
        esac
    fi
    local o
    for o in "${only[@]}"; do [ "$o" = "$1" ] && return 0; done
    return 1
}

log() { printf '[bench] %s\n' "$*" >&2; }

# --- build --------------------------------------------------------------------------------------------------------

needs_build() {
    [ "$rebuild" -eq 1 ] && return 0
    [ -f "$jar" ] || return 0
    [ -f "$classes/dev/mprt/bench/CliBenchmark.class" ] || return 0
    # sources newer than what was built from them
    [ -n "$(find grammar/src language-server/src debug-adapter/src -type f -newer "$jar" -print -quit 2>/dev/null)" ] && return 0
    [ -n "$(find test/src/main/java/dev/mprt/bench test/src/main/java/dev/mprt/dapclient -type f -newer "$classes/dev/mprt/bench/CliBenchmark.class" \
        -print -quit 2>/dev/null)" ] && return 0
    return 1
}

if needs_build; then
    if [ ! -d grammar/src-gen ]; then
        log "generating Xtext sources (mvn -B -q -pl grammar -am generate-sources)"
        mvn -B -q -pl grammar -am generate-sources >&2
    fi
    log "building (mvn -B -q -DskipTests package -Dexec.skip=true)"
    mvn -B -q -DskipTests package -Dexec.skip=true >&2
else
    log "build is current: $jar, $classes"
fi

log "MicroPython source tree (tools/micropython-source.sh --tree)"
tree="$(tools/micropython-source.sh --tree | tail -n1)"
tests="$tree/tests"
[ -d "$tests" ] || { log "no tests/ folder in $tree"; exit 1; }

echo "# mprt benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    echo "commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo ' (with uncommitted changes)')${BENCH_LABEL:+, $BENCH_LABEL}"
else
    echo "commit: (not a git checkout)${BENCH_LABEL:+, $BENCH_LABEL}"
fi
echo "machine: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -n1)"
echo "loadavg at start: $(cat /proc/loadavg)"
echo "tests tree: $tests ($(find "$tests" -name '*.py' | wc -l) .py files, $(find "$tests" -name '*.py' -exec cat {} + | wc -l) lines)"

# --- the benchmarks -----------------------------------------------------------------------------------------------

if want cli; then
    echo
    java -cp "$cp" dev.mprt.bench.CliBenchmark --root "$root" --tests "$tests" --runs "$runs" --warmup 1
fi

if want lsp; then
    echo
    java -cp "$cp" dev.mprt.bench.LspBenchmark --root "$root" --sizes 5000,20000 --edits "$edits" --queries "$queries"
fi

if want phase; then
    echo
    echo "## PhaseBenchmark with the launcher's JVM options: $launcher_opts"
    # shellcheck disable=SC2086 # the options are a word list
    java $launcher_opts -cp "$cp" dev.mprt.bench.PhaseBenchmark --root "$root" --tests "$tests" \
        --warmup "$warmup" --passes "$passes"
    echo
    echo "## PhaseBenchmark with the JVM's default options (C2, G1)"
    java -cp "$cp" dev.mprt.bench.PhaseBenchmark --root "$root" --tests "$tests" \
        --warmup "$warmup" --passes "$passes"
fi

if want dap; then
    echo
    if command -v qemu-system-arm >/dev/null 2>&1; then
        log "firmware (vm-firmware/build.sh qemu-mps2-an385, incremental)"
        vm-firmware/build.sh qemu-mps2-an385 >/dev/null
        java -cp "$cp" dev.mprt.bench.DapBenchmark --root "$root" --hits "$dap_hits" --steps "$dap_hits" \
            2> >(grep -v -e '^\s*at ' -e 'Stream closed' -e '^Caused by' -e 'more$' >&2)
    else
        echo "## DapBenchmark skipped: qemu-system-arm is not installed (vm-firmware/install-deps.sh)"
    fi
fi

# --- JVM option variants (only when asked for) ----------------------------------------------------------------

if want variants; then
    echo
    echo "## JVM option variants"
    default_opts="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
    jsa="$cache/bench/mprt-check.jsa"
    mkdir -p "$cache/bench"
    rm -f "$jsa"
    log "AppCDS archive of the classes a check loads: $jsa"
    MPRT_JAVA_OPTS="$default_opts -XX:ArchiveClassesAtExit=$jsa" ./mprt check "$tests" >/dev/null 2>&1 || true
    variant_args=(--variant "launcher default=$default_opts"
        --variant "1 CPU=$default_opts -XX:ActiveProcessorCount=1"
        --variant "C2 (no TieredStopAtLevel)=-XX:+UseSerialGC -Xshare:auto")
    if [ -f "$jsa" ]; then
        variant_args+=(--variant "AppCDS archive=$default_opts -XX:SharedArchiveFile=$jsa")
    else
        log "could not create the AppCDS archive; that variant is skipped"
    fi
    java -cp "$cp" dev.mprt.bench.CliBenchmark --root "$root" --tests "$tests" --runs "$runs" --warmup 1 \
        "${variant_args[@]}"
    echo
    echo "## LspBenchmark with C2 (MPRT_JAVA_OPTS='-XX:+UseSerialGC -Xshare:auto')"
    MPRT_JAVA_OPTS="-XX:+UseSerialGC -Xshare:auto" java -cp "$cp" dev.mprt.bench.LspBenchmark --root "$root" \
        --sizes 5000,20000 --edits "$edits"
fi

# --- profile of the language server (only when asked for) -----------------------------------------------------

if want profile; then
    echo
    echo "## Where the language server's edit time goes (JFR, 20k lines)"
    jfr_file="$cache/bench/lsp-20k.jfr"
    mkdir -p "$cache/bench"
    MPRT_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:FlightRecorderOptions:stackdepth=2048 -XX:StartFlightRecording=filename=$jfr_file,settings=profile" \
        java -cp "$cp" dev.mprt.bench.LspBenchmark --root "$root" --sizes 20000 --edits "$edits" \
        | grep -v '^  edit'
    java -cp "$cp" dev.mprt.bench.JfrBreakdown "$jfr_file"
fi

# --- pyright, side by side (optional) -----------------------------------------------------------------------------

if want pyright && [ "$pyright" -eq 1 ]; then
    echo
    echo "# pyright (side-by-side figure)"
    pdir="$cache/pyright"
    pbin="$pdir/node_modules/.bin/pyright"
    if [ ! -x "$pbin" ]; then
        if command -v npm >/dev/null 2>&1; then
            log "npm install --prefix $pdir pyright"
            mkdir -p "$pdir"
            if ! npm install --prefix "$pdir" --no-audit --no-fund pyright >&2; then
                log "npm install pyright failed"
            fi
        else
            log "npm not found"
        fi
    fi
    if [ -x "$pbin" ]; then
        echo "pyright: $("$pbin" --version 2>/dev/null | tail -n1), node $(node --version)"
        # pyright reads a pyrightconfig.json/pyproject.toml from its working folder: run it from an empty one
        pwork="$(mktemp -d)"
        for i in $(seq 1 "${BENCH_PYRIGHT_RUNS:-2}"); do
            out="$(mktemp)"
            set +e
            (cd "$pwork" && /usr/bin/time -f '%e %U %S %M' -o "$out.time" "$pbin" "$tests" >"$out" 2>&1)
            rc=$?
            set -e
            read -r wall user sys rss < <(tail -n1 "$out.time")
            echo "pyright $tests, run $i: wall ${wall} s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u+s}') s, peak RSS $((rss / 1024)) MB, exit $rc: $(grep -E '[0-9]+ errors?' "$out" | tail -n1)"
            rm -f "$out" "$out.time"
        done
        rmdir "$pwork"
    else
        echo "pyright: skipped (not installed; npm unavailable or the install failed)"
    fi
fi

echo
echo "loadavg at end: $(cat /proc/loadavg)"
