# Host side of vm-firmware/bench.sh: drives the board over its pty with MicroPython's
# tools/pyboard.py and prints the results as a Markdown table. QEMU is always stopped at the end.
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

EMITTERS = ("bytecode", "native", "viper")
SYSCLK = 25_000_000
# The seed's PyBoard (STM32F405 @ 168 MHz) figures, in microseconds.
SEED = {
    "loop": {"bytecode": 5.2, "native": 3.4, "viper": 0.35},
    "latency": {"bytecode": 7.3, "native": 5.7, "viper": 3.3},
}


def start_qemu(args, workdir):
    pty_file = os.path.join(workdir, "pty")
    log = open(os.path.join(workdir, "qemu.log"), "w")
    icount = "shift={},sleep=off".format(args.shift)
    proc = subprocess.Popen(
        [args.run_sh, "--elf", args.elf, "--pty-file", pty_file, "--", "-icount", icount],
        stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 30
    while not (os.path.exists(pty_file) and open(pty_file).read().strip()):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_qemu(proc)
            sys.exit("QEMU did not start; see " + log.name)
        time.sleep(0.05)
    return proc, open(pty_file).read().strip()


def stop_qemu(proc):
    # run.sh passes SIGTERM on to QEMU; the whole session group goes if that is not enough.
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def measure(pyb, source, emitter, part):
    code = source.replace("EMITTER", emitter).replace('PART == "loop"', repr(part == "loop"))
    pyb.enter_raw_repl()  # soft reset: a fresh heap for each measurement
    if part == "loop":
        pyb.exec_raw_no_follow(code)
        pyb.read_until(1, b"LOOPING\r\n", timeout=20)
        time.sleep(0.3)
        pyb.serial.write(b"\x03")
        out, err = pyb.follow(timeout=60)
    else:
        pyb.exec_raw_no_follow(code)
        out, err = pyb.follow(timeout=60)
    if err:
        raise RuntimeError("{} {}: {}".format(emitter, part, err.decode()))
    for line in out.decode().splitlines():
        f = line.split()
        if f and f[0] == part:
            n, lo, med, mean, hi = int(f[1]), int(f[2]), int(f[3]), float(f[4]), int(f[5])
            return {"n": n, "min": lo, "median": med, "mean": mean, "max": hi}
    raise RuntimeError("{} {}: no result in {!r}".format(emitter, part, out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-sh", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--pyboard", required=True, help="folder holding MicroPython's pyboard.py")
    ap.add_argument("--board-script", required=True)
    ap.add_argument("--shift", type=int, default=5)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    sys.path.insert(0, args.pyboard)
    import pyboard

    source = open(args.board_script).read()
    ns_per_insn = 2 ** args.shift
    runs = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as workdir:
            proc, pty = start_qemu(args, workdir)
            try:
                pyb = pyboard.Pyboard(pty, baudrate=115200)
                try:
                    results = {}
                    for part in ("loop", "latency"):
                        for emitter in EMITTERS:
                            results[(part, emitter)] = measure(pyb, source, emitter, part)
                    pyb.exit_raw_repl()
                finally:
                    pyb.close()
            finally:
                stop_qemu(proc)
        runs.append(results)
        print("run {}: {}".format(run + 1, {"{} {}".format(*k): v["mean"] for k, v in results.items()}),
              file=sys.stderr)

    deterministic = all(r == runs[0] for r in runs)
    first = runs[0]
    print("QEMU {} -machine mps2-an385 -icount shift={},sleep=off ({} ns per instruction); "
          "{} runs, identical: {}".format(qemu_version(), args.shift, ns_per_insn, len(runs), deterministic))
    print()
    print("| measurement | emitter | samples | cycles @25 MHz (mean) | instructions (mean) | "
          "ratio to bytecode | seed @168 MHz (µs) | seed ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for part, label in (("loop", "loop branch"), ("latency", "interrupt latency")):
        base = first[(part, "bytecode")]["mean"]
        for emitter in EMITTERS:
            r = first[(part, emitter)]
            insns = r["mean"] * (1e9 / SYSCLK) / ns_per_insn
            seed = SEED[part][emitter]
            print("| {} | {} | {} | {:.1f} (min {}, max {}) | {:.0f} | {:.2f} | {} | {:.2f} |".format(
                label, emitter, r["n"], r["mean"], r["min"], r["max"], insns, r["mean"] / base,
                seed, seed / SEED[part]["bytecode"]))


def qemu_version():
    try:
        out = subprocess.run(["qemu-system-arm", "--version"], capture_output=True, text=True, timeout=10)
        return out.stdout.split("\n")[0].replace("QEMU emulator version ", "")
    except (OSError, subprocess.SubprocessError):
        return "?"


if __name__ == "__main__":
    main()
