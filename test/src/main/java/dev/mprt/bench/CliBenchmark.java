package dev.mprt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times {@code ./mprt check PATH...} as a separate process, JVM start included, the way a user or CI runs it.
 *
 * <pre>
 * java -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.CliBenchmark \
 *     [--root DIR] [--tests DIR] [--runs 10] [--warmup 1] [--no-floor] [--variant LABEL=JVM-OPTIONS]... [PATH...]
 * </pre>
 *
 * Without PATH it checks MicroPython's {@code tests/} tree (from {@code tools/micropython-source.sh --tree}). Each
 * run is wrapped in {@code /usr/bin/time} (when present) for user/sys CPU time and peak RSS (ru_maxrss of the
 * JVM: the launcher {@code exec}s java, so the wrapped process is the JVM). Warm-up runs (page cache) are not
 * counted. Unless {@code --no-floor}, it also times {@code ./mprt help} (JVM start and the jar's manifest) and
 * {@code ./mprt check} of a one-line file (plus the Xtext injector and class loading): the fixed costs inside
 * every figure.
 *
 * <p>The launcher's JVM options come from {@code MPRT_JAVA_OPTS} as usual (inherited). Each {@code --variant}
 * instead runs every command once more per round with {@code MPRT_JAVA_OPTS} set to its options; variants are
 * interleaved run by run, so that a shared machine's noise hits them alike.
 */
public final class CliBenchmark {

    private CliBenchmark() {
    }

    private record Run(double wallMs, double userS, double sysS, long maxRssKb, int exit, String lastLine) {
    }

    public static void main(String[] argv) throws Exception {
        // --variant may repeat: take those out before the generic parsing
        Map<String, String> variants = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String v = null;
            if (argv[i].equals("--variant") && i + 1 < argv.length) {
                v = argv[++i];
            } else if (argv[i].startsWith("--variant=")) {
                v = argv[i].substring("--variant=".length());
            }
            if (v == null) {
                rest.add(argv[i]);
            } else {
                int eq = v.indexOf('=');
                variants.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
            }
        }
        Bench.Args args = new Bench.Args(rest.toArray(String[]::new));
        Path root = Bench.root(args);
        int runs = args.integer("runs", 10);
        int warmup = args.integer("warmup", 1);
        Path launcher = Path.of(args.string("launcher", root.resolve("mprt").toString()));
        List<String> paths = new ArrayList<>(args.positional);
        if (paths.isEmpty()) {
            paths.add(Bench.testsTree(args, root).toString());
        }
        boolean haveTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (variants.isEmpty()) {
            variants.put("", null); // inherit MPRT_JAVA_OPTS
        }

        System.out.println("# CliBenchmark");
        System.out.println("machine: " + Bench.machine());
        System.out.println("launcher: " + launcher);
        for (Map.Entry<String, String> v : variants.entrySet()) {
            String opts = v.getValue() != null ? v.getValue() : System.getenv("MPRT_JAVA_OPTS");
            System.out.println("JVM options" + (v.getKey().isEmpty() ? "" : " of variant '" + v.getKey() + "'")
                    + ": MPRT_JAVA_OPTS=" + (opts == null ? "(unset: the launcher's default)" : opts));
        }
        System.out.println("paths: " + String.join(" ", paths));
        System.out.println("runs: " + runs + " (after " + warmup + " warm-up run(s)); CPU and peak RSS from "
                + (haveTime ? "/usr/bin/time -f '%e %U %S %M'" : "(no /usr/bin/time: not measured)"));

        List<List<String>> rows = new ArrayList<>();
        Path tiny = Files.createTempFile("mprt-bench-tiny", ".py");
        Files.writeString(tiny, "x = 1\n");
        try {
            if (!args.flag("no-floor")) {
                rows.addAll(rows("./mprt help", measure(launcher, List.of("help"), variants, runs, warmup,
                        haveTime)));
                rows.addAll(rows("./mprt check <one-line file>", measure(launcher,
                        List.of("check", tiny.toString()), variants, runs, warmup, haveTime)));
            }
            List<String> checkArgs = new ArrayList<>();
            checkArgs.add("check");
            checkArgs.addAll(paths);
            rows.addAll(rows("./mprt check " + (args.positional.isEmpty() ? "<tests>" : String.join(" ", paths)),
                    measure(launcher, checkArgs, variants, runs, warmup, haveTime)));
        } finally {
            Files.deleteIfExists(tiny);
        }
        Bench.table("wall time per process (ms); CPU = user+sys (s, mean); RSS = peak resident set (MB, max over runs)",
                List.of("command", "variant", "runs", "min ms", "median ms", "max ms", "CPU s", "peak RSS MB", "exit",
                        "output (last line)"),
                rows);
    }

    private static List<List<String>> rows(String label, Map<String, List<Run>> samples) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Run>> e : samples.entrySet()) {
            List<Run> sample = e.getValue();
            Bench.Stats wall = Bench.Stats.of(sample.stream().map(Run::wallMs).toList());
            double cpu = sample.stream().mapToDouble(r -> r.userS() + r.sysS()).average().orElse(Double.NaN);
            long rss = sample.stream().mapToLong(Run::maxRssKb).max().orElse(-1);
            String exits = sample.stream().map(r -> Integer.toString(r.exit())).distinct()
                    .reduce((a, b) -> a + "," + b).orElse("-");
            String last = sample.isEmpty() ? "" : sample.get(sample.size() - 1).lastLine();
            if (last.length() > 60) {
                last = last.substring(0, 57) + "...";
            }
            rows.add(List.of(label, e.getKey().isEmpty() ? "-" : e.getKey(), Integer.toString(wall.n()),
                    Bench.ms(wall.min()), Bench.ms(wall.p50()), Bench.ms(wall.max()),
                    Double.isNaN(cpu) ? "-" : String.format(Locale.ROOT, "%.2f", cpu), Bench.mb(rss), exits, last));
        }
        return rows;
    }

    private static Map<String, List<Run>> measure(Path launcher, List<String> args, Map<String, String> variants,
            int runs, int warmup, boolean haveTime) throws IOException, InterruptedException {
        Map<String, List<Run>> samples = new LinkedHashMap<>();
        for (String v : variants.keySet()) {
            samples.put(v, new ArrayList<>());
        }
        for (int i = 0; i < warmup + runs; i++) {
            for (Map.Entry<String, String> v : variants.entrySet()) {
                Run r = once(launcher, args, v.getValue(), haveTime);
                if (r.exit() != 0 && r.exit() != 1) {
                    throw new IOException("'" + launcher + " " + String.join(" ", args) + "' exited with " + r.exit()
                            + ": " + r.lastLine());
                }
                if (i >= warmup) {
                    samples.get(v.getKey()).add(r);
                }
                System.out.printf(Locale.ROOT, "  mprt %s%s run %d: %.0f ms%s%n", args.get(0),
                        v.getKey().isEmpty() ? "" : " [" + v.getKey() + "]", i + 1 - warmup, r.wallMs(),
                        i < warmup ? " (warm-up, not counted)" : "");
            }
        }
        return samples;
    }

    /** One run; {@code javaOpts} null inherits MPRT_JAVA_OPTS, else replaces it. */
    private static Run once(Path launcher, List<String> args, String javaOpts, boolean haveTime) throws IOException,
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
            if (javaOpts != null) {
                pb.environment().put("MPRT_JAVA_OPTS", javaOpts);
            }
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
