package dev.mprt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the three benchmarks share: finding the checkout and MicroPython's test tree, order statistics, reading
 * {@code /proc/PID/status}, and printing results as Markdown tables (so they paste into docs/benchmarks.md).
 */
final class Bench {

    private Bench() {
    }

    // ---- arguments -------------------------------------------------------------------------------------------

    /** {@code --name value} and {@code --name=value} options; everything else is positional. */
    static final class Args {
        final Map<String, String> options = new HashMap<>();
        final List<String> positional = new ArrayList<>();

        Args(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        options.put(a.substring(2, eq), a.substring(eq + 1));
                    } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        options.put(a.substring(2), args[++i]);
                    } else {
                        options.put(a.substring(2), "true");
                    }
                } else {
                    positional.add(a);
                }
            }
        }

        int integer(String name, int dflt) {
            String v = options.get(name);
            return v == null ? dflt : Integer.parseInt(v);
        }

        String string(String name, String dflt) {
            return options.getOrDefault(name, dflt);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(options.getOrDefault(name, "false"));
        }
    }

    // ---- the checkout and the MicroPython tree ---------------------------------------------------------------

    /** The checkout: {@code --root}, {@code -Dmprt.root}, {@code $MPRT_ROOT}, or the nearest parent with {@code ./mprt}. */
    static Path root(Args args) {
        String r = args.options.get("root");
        if (r == null) {
            r = System.getProperty("mprt.root");
        }
        if (r == null) {
            r = System.getenv("MPRT_ROOT");
        }
        if (r != null) {
            return Path.of(r).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mprt")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the mprt checkout; pass --root DIR");
    }

    /** MicroPython's {@code tests/} folder: {@code --tests DIR}, else from {@code tools/micropython-source.sh --tree}. */
    static Path testsTree(Args args, Path root) throws IOException, InterruptedException {
        String t = args.options.get("tests");
        if (t != null) {
            return Path.of(t).toAbsolutePath().normalize();
        }
        Process p = new ProcessBuilder(root.resolve("tools/micropython-source.sh").toString(), "--tree")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("tools/micropython-source.sh --tree failed");
        }
        String[] lines = out.split("\n");
        return Path.of(lines[lines.length - 1].strip(), "tests");
    }

    // ---- statistics ------------------------------------------------------------------------------------------

    /** Order statistics of a sample (nearest-rank percentiles). */
    record Stats(int n, double min, double p50, double p95, double max, double mean) {

        static Stats of(List<Double> sample) {
            double[] a = sample.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(a);
            if (a.length == 0) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(a.length, a[0], percentile(a, 50), percentile(a, 95), a[a.length - 1],
                    Arrays.stream(a).average().orElse(Double.NaN));
        }

        /** Nearest-rank percentile of a sorted array; p50 of an even-sized sample is the mean of the middle two. */
        private static double percentile(double[] sorted, double p) {
            if (p == 50 && sorted.length % 2 == 0) {
                return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    // ---- /proc -----------------------------------------------------------------------------------------------

    /** A field of {@code /proc/PID/status} in KiB (e.g. VmRSS, VmHWM), or -1 when unavailable. */
    static long procStatusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    String v = line.substring(field.length() + 1).strip();
                    return Long.parseLong(v.split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * CPU time (user + system, all threads, in ms) a process has used so far, from {@code /proc/PID/stat} (10 ms
     * ticks), or -1. Unlike wall time, this hardly grows when a shared machine makes the process wait for a CPU.
     */
    static long procCpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
            return ticks * 1000 / 100; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String procComm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- the machine -----------------------------------------------------------------------------------------

    static String machine() {
        String cpu = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%d cpus (%s), java %s (%s), loadavg %s",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), load);
    }

    // ---- output ----------------------------------------------------------------------------------------------

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String mb(long kb) {
        return kb < 0 ? "-" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    /** A Markdown table, columns padded to line up in a terminal too. */
    static void table(String title, List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(title).append("\n\n");
        appendRow(sb, header, w, false);
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? ":" : "-").append("-".repeat(w[i])).append(i == 0 ? "-" : ":").append('|');
        }
        sb.append('\n');
        for (List<String> r : rows) {
            appendRow(sb, r, w, true);
        }
        System.out.print(sb);
        System.out.flush();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w, boolean rightAlignNumbers) {
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(' ').append(i > 0 && rightAlignNumbers ? pad + c : c + pad).append(" |");
        }
        sb.append('\n');
    }
}
