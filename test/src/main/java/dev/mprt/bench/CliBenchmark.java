package dev.mprt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code ./mprt check PATH...} as a separate process, JVM start included, the way a user or CI runs it.
 *
 * <pre>
 * java -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.CliBenchmark \
 *     [--root DIR] [--tests DIR] [--runs 10] [--warmup 1] [--no-floor] [PATH...]
 * </pre>
 *
 * Without PATH it checks MicroPython's {@code tests/} tree (from {@code tools/micropython-source.sh --tree}). Each
 * run is wrapped in {@code /usr/bin/time} (when present) for user/sys CPU time and peak RSS (ru_maxrss of the
 * JVM: the launcher {@code exec}s java, so the wrapped process is the JVM). Warm-up runs (page cache, CDS) are
 * not counted. Unless {@code --no-floor}, it also times {@code ./mprt help} (JVM start and the jar) and
 * {@code ./mprt check} of a one-line file (plus the Xtext injector), the fixed costs inside every figure.
 * The launcher's JVM options can be overridden with {@code MPRT_JAVA_OPTS}, which is passed through.
 */
public final class CliBenchmark {

    private CliBenchmark() {
    }

    private record Run(double wallMs, double userS, double sysS, long maxRssKb, int exit, String lastLine) {
    }

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        Path root = Bench.root(args);
        int runs = args.integer("runs", 10);
        int warmup = args.integer("warmup", 1);
        Path launcher = Path.of(args.string("launcher", root.resolve("mprt").toString()));
        List<String> paths = new ArrayList<>(args.positional);
        if (paths.isEmpty()) {
            paths.add(Bench.testsTree(args, root).toString());
        }
        Path time = Path.of("/usr/bin/time");
        boolean haveTime = Files.isExecutable(time);

        System.out.println("# CliBenchmark");
        System.out.println("machine: " + Bench.machine());
        System.out.println("launcher: " + launcher + "   MPRT_JAVA_OPTS="
                + (System.getenv("MPRT_JAVA_OPTS") == null ? "(unset: launcher default)" : System.getenv("MPRT_JAVA_OPTS")));
        System.out.println("paths: " + String.join(" ", paths));
        System.out.println("runs: " + runs + " (after " + warmup + " warm-up run(s)); CPU and peak RSS from "
                + (haveTime ? "/usr/bin/time -f '%e %U %S %M'" : "(no /usr/bin/time: not measured)"));

        List<List<String>> rows = new ArrayList<>();
        if (!args.flag("no-floor")) {
            Path tiny = Files.createTempFile("mprt-bench-tiny", ".py");
            Files.writeString(tiny, "x = 1\n");
            try {
                rows.add(row("./mprt help", measure(launcher, List.of("help"), runs, warmup, haveTime)));
                rows.add(row("./mprt check <one-line file>", measure(launcher, List.of("check", tiny.toString()),
                        runs, warmup, haveTime)));
            } finally {
                Files.deleteIfExists(tiny);
            }
        }
        List<String> checkArgs = new ArrayList<>();
        checkArgs.add("check");
        checkArgs.addAll(paths);
        rows.add(row("./mprt check " + (args.positional.isEmpty() ? "<tests>" : String.join(" ", paths)),
                measure(launcher, checkArgs, runs, warmup, haveTime)));
        Bench.table("wall time per process (ms); CPU = user+sys (s, mean); RSS = peak resident set (MB, max over runs)",
                List.of("command", "runs", "min ms", "median ms", "max ms", "CPU s", "peak RSS MB", "exit", "output (last line)"),
                rows);
    }

    private static List<String> row(String label, List<Run> sample) {
        Bench.Stats wall = Bench.Stats.of(sample.stream().map(Run::wallMs).toList());
        double cpu = sample.stream().mapToDouble(r -> r.userS() + r.sysS()).average().orElse(Double.NaN);
        long rss = sample.stream().mapToLong(Run::maxRssKb).max().orElse(-1);
        String exits = sample.stream().map(r -> Integer.toString(r.exit())).distinct()
                .reduce((a, b) -> a + "," + b).orElse("-");
        String last = sample.isEmpty() ? "" : sample.get(sample.size() - 1).lastLine();
        if (last.length() > 60) {
            last = last.substring(0, 57) + "...";
        }
        return List.of(label, Integer.toString(wall.n()), Bench.ms(wall.min()), Bench.ms(wall.p50()),
                Bench.ms(wall.max()), Double.isNaN(cpu) ? "-" : String.format(Locale.ROOT, "%.2f", cpu),
                Bench.mb(rss), exits, last);
    }

    private static List<Run> measure(Path launcher, List<String> args, int runs, int warmup, boolean haveTime)
            throws IOException, InterruptedException {
        List<Run> sample = new ArrayList<>();
        for (int i = 0; i < warmup + runs; i++) {
            Run r = once(launcher, args, haveTime);
            if (r.exit() != 0 && r.exit() != 1) {
                throw new IOException("'" + launcher + " " + String.join(" ", args) + "' exited with " + r.exit()
                        + ": " + r.lastLine());
            }
            if (i >= warmup) {
                sample.add(r);
            }
            System.out.printf(Locale.ROOT, "  %s %s run %d: %.0f ms%s%n", launcher.getFileName(), args.get(0),
                    i + 1 - warmup, r.wallMs(), i < warmup ? " (warm-up, not counted)" : "");
        }
        return sample;
    }

    private static Run once(Path launcher, List<String> args, boolean haveTime) throws IOException,
            InterruptedException {
        Path out = Files.createTempFile("mprt-bench-out", ".txt");
        Path err = Files.createTempFile("mprt-bench-err", ".txt");
        Path times = Files.createTempFile("mprt-bench-time", ".txt");
        try {
            List<String> cmd = new ArrayList<>();
            if (haveTime) {
                cmd.addAll(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", times.toString()));
            }
            cmd.add(launcher.toString());
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            int exit = p.waitFor();
            double wallMs = (System.nanoTime() - t0) / 1e6;
            double user = Double.NaN;
            double sys = Double.NaN;
            long rss = -1;
            if (haveTime) {
                String[] f = lastLine(times).split("\\s+");
                if (f.length == 4) {
                    user = Double.parseDouble(f[1]);
                    sys = Double.parseDouble(f[2]);
                    rss = Long.parseLong(f[3]);
                }
            }
            String last = lastLine(out);
            if (last.isEmpty()) {
                last = lastLine(err);
            }
            return new Run(wallMs, user, sys, rss, exit, last);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(times);
        }
    }

    private static String lastLine(Path file) throws IOException {
        String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        int nl = s.lastIndexOf('\n');
        return nl < 0 ? s : s.substring(nl + 1);
    }
}
